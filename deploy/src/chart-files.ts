import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHART_DIR } from './deploy-paths';

/** Every file below the umbrella chart (symbolic links followed, as Helm does), relative paths. */
export function chartFiles(dir = CHART_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? chartFiles(path) : [relative(CHART_DIR, path)];
  });
}

/** Every template file (`templates/…`) of the chart and its subcharts, with its text. */
export function chartTemplates(): { file: string; text: string }[] {
  return chartFiles()
    .filter((file) => /(^|\/)templates\//.test(file))
    .map((file) => ({ file, text: readFileSync(join(CHART_DIR, file), 'utf8') }));
}

/** Names of the templates `include`d but never `define`d anywhere in the chart. */
export function undefinedIncludes(): string[] {
  const texts = chartTemplates().map((template) => template.text);
  const defined = new Set(texts.flatMap((text) => [...text.matchAll(/\{\{-?\s*define\s+"([^"]+)"/g)].map((m) => m[1])));
  const included = new Set(
    texts.flatMap((text) => [...text.matchAll(/\binclude\s+"([^"]+)"/g)].map((m) => m[1] as string)),
  );
  return [...included].filter((name) => !defined.has(name)).sort();
}
