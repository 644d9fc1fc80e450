import { z } from "zod";
import { ZPassword } from "../tenants/tenant.schemas";

const ZEmail = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254));

export const ZChangePassword = z
  .strictObject({
    currentPassword: z.string().min(1, "enter your current password").max(200),
    newPassword: ZPassword,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "choose a password you do not use now" });
export type ChangePasswordInput = z.input<typeof ZChangePassword>;

export const ZRequestPasswordReset = z.strictObject({ email: ZEmail });
export type RequestPasswordResetInput = z.input<typeof ZRequestPasswordReset>;

export const ZResetToken = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const ZResetPassword = z.strictObject({ token: ZResetToken, password: ZPassword });
export type ResetPasswordInput = z.input<typeof ZResetPassword>;
