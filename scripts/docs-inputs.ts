/**
 * npm run docs:inputs — rewrites the README's inputs and outputs tables from action.yml.
 * `--check` writes nothing and exits 1 when README.md is not what it would write.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { regenerateReadme } from './action-docs.js'

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url))
const readme = readFileSync(readmePath, 'utf8')
const actionYaml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
const regenerated = await regenerateReadme(readme, actionYaml, readmePath)

if (regenerated === readme) {
  console.log('README.md: the inputs and outputs tables match action.yml')
} else if (process.argv.includes('--check')) {
  console.error(
    "README.md: the inputs or outputs tables differ from action.yml: run 'npm run docs:inputs' and commit README.md"
  )
  process.exitCode = 1
} else {
  writeFileSync(readmePath, regenerated)
  console.log('README.md: inputs and outputs tables regenerated from action.yml')
}
