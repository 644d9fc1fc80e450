/**
 * What a customer accepts on joining a brand's rewards program. The version is recorded with the
 * acceptance (ConsentRecord.policyVersion), so a later change of wording never rewrites what an
 * earlier customer agreed to. Kept to what Megaphone actually does with their data.
 */
export const PROGRAM_TERMS_VERSION = "program-2026-12";

export const PROGRAM_CONSENT_SCOPE = "rewards-program";

export function programTerms(brandName: string): string[] {
  return [
    `${brandName} keeps your name, your email address and your points history to run its rewards program.`,
    `If you link a social account, ${brandName} reads what that account posts publicly about ${brandName} to award points; you choose separately whether it may post for you.`,
    `You can download everything ${brandName} holds about you, or ask for it to be erased, from your account page at any time.`,
  ];
}
