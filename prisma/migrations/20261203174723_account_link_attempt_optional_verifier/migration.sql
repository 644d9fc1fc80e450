-- AlterTable
ALTER TABLE "AccountLinkAttempt" ALTER COLUMN "codeVerifierCiphertext" DROP NOT NULL;
