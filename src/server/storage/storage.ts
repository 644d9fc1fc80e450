import { getEnv, type Env } from "../env";
import { LocalDiskStorage } from "./local-disk.storage";
import type { ObjectStorage } from "./object-storage";
import { S3Storage } from "./s3.storage";

/** The driver STORAGE_DRIVER names, built from the validated env (the env module requires the S3 settings for `s3`). */
export function storageFromEnv(env: Env): ObjectStorage {
  switch (env.STORAGE_DRIVER) {
    case "local":
      return new LocalDiskStorage(env.STORAGE_LOCAL_DIR);
    case "s3":
      return new S3Storage({
        endpoint: env.S3_ENDPOINT,
        region: env.S3_REGION,
        bucket: env.S3_BUCKET!,
        accessKeyId: env.S3_ACCESS_KEY_ID!,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      });
    default: {
      const exhaustive: never = env.STORAGE_DRIVER;
      throw new Error(`unknown storage driver ${String(exhaustive)}`);
    }
  }
}

let cached: { env: Env; storage: ObjectStorage } | undefined;

/** The process's storage; rebuilt when the env is re-read (tests that change STORAGE_* call resetEnvCache()). */
export function getStorage(): ObjectStorage {
  const env = getEnv();
  if (cached?.env !== env) cached = { env, storage: storageFromEnv(env) };
  return cached.storage;
}
