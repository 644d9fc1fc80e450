// wink-sentiment ships no types; this describes the one function it exports (v5).
declare module "wink-sentiment" {
  interface WinkSentimentToken {
    value: string;
    /** word, emoji, emoticon, hashtag, mention, url, number, punctuation… */
    tag: string;
    score?: number;
    negation?: boolean;
    grouped?: number;
  }
  interface WinkSentimentResult {
    /** Sum of token scores (AFINN -5..5 per token). */
    score: number;
    /** Averaged over scored tokens and damped for long texts: within -5..5. */
    normalizedScore: number;
    tokenizedPhrase?: WinkSentimentToken[];
  }
  function winkSentiment(phrase: string): WinkSentimentResult;
  export = winkSentiment;
}
