// npm run bench:sentiment — short social texts scored per second by analyzeSentiment (one core).
import { analyzeSentiment } from "../../src/server/modules/scoring/sentiment";

const texts = [
  "love the new flavour 😍🍦",
  "not good at all",
  "@tastidlite just tried the mango one https://t.co/abc123 🙂",
  "worst service ever 😡 never coming back",
  "Best froyo in town!!! #delicious",
  "Checking in at Tasti D-Lite",
];
const n = 100_000;
for (let i = 0; i < 5_000; i++) analyzeSentiment(texts[i % texts.length]!);
let best = 0;
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  for (let i = 0; i < n; i++) analyzeSentiment(`${texts[i % texts.length]!} ${i}`);
  best = Math.max(best, n / ((performance.now() - start) / 1000));
}
console.log(`analyzeSentiment: best of 3 runs of ${n.toLocaleString("en")} texts → ${Math.round(best).toLocaleString("en")} texts/s`);
console.log(JSON.stringify({ bench: "sentiment", textsPerSecond: Math.round(best) }));
