/**
 * Turns PRNG draws into post text: a template of the chosen sentiment and language, a brand
 * reference, optional emoji, hashtag and link. Pure given the PRNG state, so a seed fixes the text.
 */
import type { Prng } from "../core/prng";
import type { Sentiment } from "../store/store-types";
import { EMOJI, PRODUCTS, REPLY_LINES, TEMPLATES, type Lang } from "./corpus";
import type { GeneratorConfig } from "./generator-config";

export interface ComposedText {
  text: string;
  sentiment: Sentiment;
  lang: Lang;
}

export function brandReference(prng: Prng, cfg: GeneratorConfig): string {
  const kind = prng.weighted(cfg.referenceMix);
  if (kind === "handle" && cfg.brandHandles.length > 0) return `@${prng.pick(cfg.brandHandles)}`;
  if (kind === "hashtag" && cfg.brandHashtags.length > 0) return `#${prng.pick(cfg.brandHashtags)}`;
  if (cfg.brandKeywords.length > 0) return prng.pick(cfg.brandKeywords);
  if (cfg.brandHandles.length > 0) return `@${prng.pick(cfg.brandHandles)}`;
  return cfg.brandHashtags.length > 0 ? `#${prng.pick(cfg.brandHashtags)}` : "the brand";
}

export function composeOriginal(prng: Prng, cfg: GeneratorConfig): ComposedText {
  const sentiment = prng.weighted(cfg.sentimentMix);
  const lang = prng.weighted<Lang>(cfg.langMix);
  const template = prng.pick(TEMPLATES[lang][sentiment]);
  let text = template.replace("{b}", brandReference(prng, cfg)).replace("{p}", prng.pick(PRODUCTS));
  if (prng.chance(cfg.emojiShare)) text += ` ${prng.pick(EMOJI[sentiment])}`;
  if (prng.chance(0.15) && cfg.brandHashtags.length > 0 && !text.includes("#")) text += ` #${prng.pick(cfg.brandHashtags)}`;
  if (prng.chance(cfg.linkShare)) text += ` https://t.co/${prng.hex(10)}`;
  return { text, sentiment, lang };
}

export function composeReply(prng: Prng, cfg: GeneratorConfig, toUsername: string): ComposedText {
  const sentiment = prng.weighted(cfg.sentimentMix);
  let text = `@${toUsername} ${prng.pick(REPLY_LINES[sentiment])}`;
  if (prng.chance(0.5)) text += ` ${brandReference(prng, cfg)}`;
  if (prng.chance(cfg.emojiShare)) text += ` ${prng.pick(EMOJI[sentiment])}`;
  return { text, sentiment, lang: "en" };
}

/** Classic retweet text: "RT @author: " + original, cut to 140 characters like the v2 API shows it. */
export function retweetText(authorUsername: string, original: string): string {
  const full = `RT @${authorUsername}: ${original}`;
  const chars = [...full];
  return chars.length <= 140 ? full : `${chars.slice(0, 139).join("")}…`;
}

export function composeQuote(prng: Prng, cfg: GeneratorConfig): ComposedText {
  const base = composeOriginal(prng, cfg);
  return { ...base, text: `${base.text} 👇` };
}
