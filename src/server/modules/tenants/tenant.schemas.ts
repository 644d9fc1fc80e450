import { z } from "zod";

export const ZPassword = z.string().min(10, "use at least 10 characters").max(200, "use at most 200 characters");

export const ZSignUp = z.strictObject({
  name: z.string().trim().min(1, "your name is required").max(120),
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254)),
  password: ZPassword,
  companyName: z.string().trim().min(2, "the brand name needs at least 2 characters").max(120),
});
export type SignUpInput = z.input<typeof ZSignUp>;

export const ZTenantSlug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "not a tenant");

export const ZConfirmSignUp = z.strictObject({
  token: z
    .string()
    .min(16)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, "not a confirmation link"),
  password: z.string().min(1, "enter the password you chose").max(200),
});
export type ConfirmSignUpInput = z.input<typeof ZConfirmSignUp>;
