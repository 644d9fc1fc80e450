import { deliverMail } from "@/server/modules/mail/mail.service";
import type { JobHandler } from "../handler-registry";

export const sendMailHandler: JobHandler<"mail.send"> = async (payload) => {
  await deliverMail(payload);
};
