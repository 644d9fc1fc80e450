import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_SHA256, verifySigV4 } from "../../integration/support/s3-test-server";

// The S3 driver's tests trust the test server's signature check; this holds that check to AWS's
// own published examples ("Signature Calculations for the Authorization Header", Amazon S3 API
// reference: GET Object with a Range, and PUT Object with a storage class).
const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" };
const scope = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

const getObject = {
  method: "GET",
  rawUrl: "/test.txt",
  headers: {
    host: "examplebucket.s3.amazonaws.com",
    range: "bytes=0-9",
    "x-amz-content-sha256": EMPTY_SHA256,
    "x-amz-date": "20130524T000000Z",
    authorization: `AWS4-HMAC-SHA256 Credential=${scope},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
  },
  body: Buffer.alloc(0),
};

const putBody = Buffer.from("Welcome to Amazon S3.");
const putObject = {
  method: "PUT",
  rawUrl: "/test%24file.text",
  headers: {
    host: "examplebucket.s3.amazonaws.com",
    date: "Fri, 24 May 2013 00:00:00 GMT",
    "x-amz-date": "20130524T000000Z",
    "x-amz-storage-class": "REDUCED_REDUNDANCY",
    "x-amz-content-sha256": createHash("sha256").update(putBody).digest("hex"),
    authorization: `AWS4-HMAC-SHA256 Credential=${scope},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
  },
  body: putBody,
};

describe("the S3 test server's SigV4 check", () => {
  it("accepts AWS's published GET and PUT examples", () => {
    expect(putObject.headers["x-amz-content-sha256"]).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    expect(verifySigV4(getObject, credentials, null)).toEqual({ ok: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
    expect(verifySigV4(putObject, credentials, null)).toEqual({ ok: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
  });

  it("refuses any change to what was signed, a wrong secret, a tampered body and an old request", () => {
    const code = (verdict: ReturnType<typeof verifySigV4>) => (verdict.ok ? "ok" : verdict.code);
    expect(code(verifySigV4({ ...getObject, rawUrl: "/test.txt2" }, credentials, null))).toBe("SignatureDoesNotMatch");
    expect(code(verifySigV4({ ...getObject, headers: { ...getObject.headers, range: "bytes=0-99" } }, credentials, null))).toBe("SignatureDoesNotMatch");
    expect(code(verifySigV4({ ...getObject, method: "DELETE" }, credentials, null))).toBe("SignatureDoesNotMatch");
    expect(code(verifySigV4(getObject, { ...credentials, secretAccessKey: "wrong" }, null))).toBe("SignatureDoesNotMatch");
    expect(code(verifySigV4(getObject, { ...credentials, region: "eu-west-1" }, null))).toBe("AuthorizationHeaderMalformed");
    expect(code(verifySigV4({ ...putObject, body: Buffer.from("Welcome to Amazon S4.") }, credentials, null))).toBe("XAmzContentSHA256Mismatch");
    expect(code(verifySigV4(getObject, credentials, new Date()))).toBe("RequestTimeTooSkewed");
    const { authorization: _dropped, ...unsigned } = getObject.headers;
    expect(code(verifySigV4({ ...getObject, headers: unsigned }, credentials, null))).toBe("AccessDenied");
  });
});
