/**
 * Points twitter-api-v2 at another origin (the social sandbox). The library has no base-URL
 * setting and cloneWithPrefix() throws in 1.28/1.29, so this plugin rewrites each request's URL
 * before it is built (REST, streams) and the authorize link returned by generateOAuth2AuthLink.
 * It must be the FIRST plugin: the OAuth2-link hook is fired without being awaited.
 */
import type { ITwitterApiAfterOAuth2RequestTokenHookArgs, ITwitterApiBeforeRequestConfigHookArgs, ITwitterApiClientPlugin } from "twitter-api-v2";

const X_API_HOSTS = /^https:\/\/(?:api|upload|stream)\.(?:x|twitter)\.com\//;
const X_AUTHORIZE = /^https:\/\/(?:x|twitter)\.com\/i\/oauth2\/authorize/;

export class XBaseUrlPlugin implements ITwitterApiClientPlugin {
  private readonly base: string;

  constructor(baseUrl: string) {
    this.base = baseUrl.replace(/\/+$/, "");
  }

  rewrite(url: string): string {
    return url.replace(X_API_HOSTS, `${this.base}/`);
  }

  onBeforeRequestConfig({ params }: ITwitterApiBeforeRequestConfigHookArgs): void {
    params.url = this.rewrite(params.url);
  }

  onBeforeStreamRequestConfig({ params }: ITwitterApiBeforeRequestConfigHookArgs): void {
    params.url = this.rewrite(params.url);
  }

  onOAuth2RequestToken({ result }: ITwitterApiAfterOAuth2RequestTokenHookArgs): void {
    result.url = result.url.replace(X_AUTHORIZE, `${this.base}/i/oauth2/authorize`);
  }
}
