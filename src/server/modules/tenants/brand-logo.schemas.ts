import { z } from "zod";

/** The logo form's file field: any uploaded file; what it is is decided from its bytes by storeImage. */
export const ZBrandLogoUpload = z.strictObject({
  logo: z.instanceof(Blob, { message: "choose an image file" }),
});

export const ZBrandLogoRemove = z.strictObject({});
