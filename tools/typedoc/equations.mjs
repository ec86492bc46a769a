// TypeDoc plugin: keeps the update equations of the TSDoc readable in the API reference.
//
// Our TSDoc writes algorithms as indented blocks (STYLE.md: "the algorithm block comes first"),
// either in the comment of an export or in the file's header comment above the imports (as
// optimizers and schedulers do). Markdown would reflow a two-space indent into one paragraph, so
// this plugin
//   1. turns every run of lines indented by two or more spaces in a comment into a fenced `text`
//      block (kept verbatim: Unicode symbols, alignment), and
//   2. appends a file's header comment, as an "Algorithm" section, to the first class or function
//      the file exports (the reflection whose source line comes first).
import { readFileSync } from 'node:fs';
import { Comment, Converter, ReflectionKind } from 'typedoc';

/** Lines of a `/** … *\/` comment without the leading ` * `. */
function commentLines(block) {
  return block
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
}

/** Markdown with every run of lines indented by 2+ spaces fenced as a `text` block. */
export function fenceIndented(text) {
  const lines = text.split('\n');
  const out = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (!inFence && /^ {2,}\S/.test(line) && !/^ {2,}[-*+] /.test(line) && !/^ {2,}\d+\. /.test(line)) {
      const run = [];
      while (i < lines.length && (/^ {2,}\S/.test(lines[i]) || (lines[i].trim() === '' && /^ {2,}\S/.test(lines[i + 1] ?? '')))) {
        run.push(lines[i]);
        i++;
      }
      i--;
      const indent = Math.min(...run.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
      out.push('', '```text', ...run.map((l) => l.slice(indent)), '```', '');
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The file's header comment (a `/** … *\/` before the first import or export), as markdown. */
function headerComment(file) {
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const match = /^\s*(\/\*\*[\s\S]*?\*\/)\s*\n\s*(import|export)\b/.exec(source);
  if (!match) return null;
  // A header directly followed by `export` is that export's own comment, not a file header.
  if (match[2] === 'export') return null;
  return commentLines(match[1]).join('\n').trim();
}

function fenceComment(comment) {
  if (!comment) return;
  const parts = [comment.summary, ...comment.blockTags.map((tag) => tag.content)];
  for (const content of parts) {
    for (const part of content) {
      if (part.kind === 'text' && /\n {2,}\S/.test(`\n${part.text}`)) part.text = fenceIndented(part.text);
    }
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    const firstByFile = new Map();
    for (const reflection of Object.values(project.reflections)) {
      fenceComment(reflection.comment);
      for (const signature of reflection.signatures ?? []) fenceComment(signature.comment);
      if (!reflection.kindOf(ReflectionKind.Class | ReflectionKind.Function)) continue;
      if (!reflection.parent?.kindOf(ReflectionKind.Project | ReflectionKind.Module)) continue;
      const source = reflection.sources?.[0];
      if (!source?.fullFileName) continue;
      const best = firstByFile.get(source.fullFileName);
      if (!best || source.line < best.line) firstByFile.set(source.fullFileName, { line: source.line, reflection });
    }
    for (const [file, { reflection }] of firstByFile) {
      const header = headerComment(file);
      if (!header) continue;
      const target = reflection.kindOf(ReflectionKind.Function) ? reflection.signatures?.[0] : reflection;
      if (!target) continue;
      const text = `\n\n#### Algorithm\n\n${fenceIndented(header)}\n`;
      if (target.comment) target.comment.summary.push({ kind: 'text', text });
      else target.comment = new Comment([{ kind: 'text', text: text.trimStart() }]);
    }
  });
}
