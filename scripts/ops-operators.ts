// npm run ops:grant -- <email>   makes an existing user a platform operator
// npm run ops:revoke -- <email>  takes it away
// The only way the role is granted: no screen, API or tenant role can. Operators reach the
// platform views (/ops/queues) only while PLATFORM_OPERATOR_VIEW=true.
import { userInfo } from "node:os";
import { disconnectDb } from "../src/server/db/client";
import { isAppError } from "../src/server/errors";
import { grantPlatformOperator, revokePlatformOperator } from "../src/server/modules/operators/operators.service";

const [command, email] = process.argv.slice(2);
if ((command !== "grant" && command !== "revoke") || !email) {
  console.error("usage: npm run ops:grant -- <email>  |  npm run ops:revoke -- <email>");
  process.exit(2);
}
const by = `cli:${userInfo().username}`;
try {
  if (command === "grant") {
    const result = await grantPlatformOperator(email, by);
    console.log(result.created ? `${result.email} is now a platform operator` : `${result.email} already was a platform operator`);
  } else {
    const result = await revokePlatformOperator(email, by);
    console.log(result.removed ? `${result.email} is no longer a platform operator` : `${result.email} was not a platform operator`);
  }
} catch (error) {
  console.error(isAppError(error) && error.code === "NOT_FOUND" ? `no user with the email ${email}` : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
