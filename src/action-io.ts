/**
 * What the action needs from the runner, as an interface: main.ts passes @actions/core, tests
 * pass a recorder. Keeps every module but the entry points free of @actions/*.
 */
import type { Annotation } from './report/annotations.js'

export interface ActionIO {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  info(message: string): void
  annotate(annotation: Annotation): void
  group<T>(name: string, run: () => Promise<T>): Promise<T>
  appendSummary(markdown: string): Promise<void>
  setFailed(message: string): void
}
