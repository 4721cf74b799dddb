import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, onnxruntime) and child processes are safer in forks than threads.
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
