/**
 * Corpus administration: add documents from links or files (fetched safely, reduced to the article with
 * Readability), list, remove and refresh them, each change re-indexed with a report and recorded in an audit log.
 * Knows nothing of Discord; `bot/commands/corpus.ts` and `scripts/corpus.ts` adapt it.
 */
export { addressProblem } from "./address-policy.ts";
export { type AuditEntry, AuditLog } from "./audit-log.ts";
export {
  type ChangeReport,
  CorpusAdmin,
  type CorpusAdminOptions,
  type DocumentChange,
  type DocumentOutcome,
  type ListedDocument,
  startRefreshTimer,
} from "./corpus-admin.ts";
export { CorpusStore, type StoredDocument } from "./corpus-store.ts";
export { CorpusBusyError, CorpusChangeRefused, type RefusalCode } from "./errors.ts";
export { type ExtractedArticle, extractArticle, MIN_ARTICLE_CHARS } from "./extract.ts";
export type { DocumentInput } from "./prepare.ts";
export { formatChangeReport } from "./report-text.ts";
export {
  defaultFetchLimits,
  type FetchLimits,
  type FetchPolicy,
  type ResolvedAddress,
  type Resolver,
  safeFetch,
} from "./safe-fetch.ts";
