import { hashEmailedToken, newEmailedToken } from "../../crypto/emailed-token";

/** Invitation links keep their original 24-byte tokens; see crypto/emailed-token.ts. */
export const newInvitationToken = () => newEmailedToken(24);
export const hashInvitationToken = hashEmailedToken;
