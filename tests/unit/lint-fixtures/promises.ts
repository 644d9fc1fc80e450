// Lint fixture: each line marked "expect" must be reported (tests/unit/lint-rules.test.ts).
async function save(): Promise<number> {
  return Promise.resolve(1);
}

export function forgetsToAwait(): void {
  save(); // expect: @typescript-eslint/no-floating-promises
}

export function passesPromiseAsCallback(run: (done: () => void) => void): void {
  run(save); // expect: @typescript-eslint/no-misused-promises
}
