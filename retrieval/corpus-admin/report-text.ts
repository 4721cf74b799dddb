/** The change report as plain text (the CLI, logs, notes). */
import type { ChangeReport } from "./corpus-admin.ts";

export function formatChangeReport(report: ChangeReport): string {
  const lines: string[] = [];
  for (const d of report.documents) {
    lines.push(`${d.outcome}: ${d.title}${d.date ? ` (${d.date})` : ""} [${d.id}]`);
    if (d.sourceUrl) lines.push(`  source: ${d.sourceUrl}`);
    if (d.firstSentence) lines.push(`  first sentence: ${d.firstSentence}`);
    if (d.chunks !== undefined) lines.push(`  chunks in document: ${d.chunks}`);
    if (d.reason) lines.push(`  reason: ${d.reason}`);
  }
  const i = report.index;
  if (!i) {
    lines.push("Nothing changed; the index stays as it is.");
    return lines.join("\n");
  }
  lines.push(
    `Index ${i.version}: ${i.documents} documents, ${i.chunks} chunks (+${i.chunksAdded} / -${i.chunksRemoved}), ` +
      `${i.figures} figures (+${i.figuresAdded.length} / -${i.figuresRemoved.length} / ~${i.figuresChanged.length}), built in ${Math.round(i.durationMs)} ms`,
  );
  for (const f of i.figuresAdded.slice(0, 20)) lines.push(`  + ${f.label}: ${f.text}`);
  if (i.figuresAdded.length > 20) lines.push(`  + … ${i.figuresAdded.length - 20} more`);
  for (const f of i.figuresRemoved.slice(0, 20)) lines.push(`  - ${f.label}: ${f.text}`);
  if (i.figuresRemoved.length > 20) lines.push(`  - … ${i.figuresRemoved.length - 20} more`);
  for (const f of i.figuresChanged.slice(0, 20)) lines.push(`  ~ ${f.label}: ${f.text}`);
  return lines.join("\n");
}
