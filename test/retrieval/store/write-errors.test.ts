import { describe, expect, it } from "vitest";
import { IndexWriteError } from "../../../retrieval/errors.ts";
import { explainWriteError } from "../../../retrieval/store/write-errors.ts";

const fsError = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("explainWriteError", () => {
  it.each([
    ["ENOSPC", "disk-full", "the disk is full"],
    ["EDQUOT", "disk-full", "the disk is full"],
    ["EROFS", "read-only", "read-only"],
    ["EACCES", "permission", "permissions"],
    ["ENOTDIR", "path", "the path is wrong"],
    ["ENOENT", "path", "the path is wrong"],
  ])("%s → %s, naming the folder", (code, reason, words) => {
    const explained = explainWriteError(fsError(code), "/data/index");
    expect(explained).toBeInstanceOf(IndexWriteError);
    expect(explained?.reason).toBe(reason);
    expect(explained?.code).toBe(code);
    expect(explained?.message).toContain("/data/index");
    expect(explained?.message).toContain(words);
  });

  it("leaves other errors alone", () => {
    expect(explainWriteError(new Error("bug"), "/x")).toBeNull();
    expect(explainWriteError(fsError("ECONNRESET"), "/x")).toBeNull();
    expect(explainWriteError(undefined, "/x")).toBeNull();
  });
});
