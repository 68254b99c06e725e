/**
 * Planted secrets, and a scanner that finds any piece of them in a text: every substring of
 * `minLength` characters or more (default 8), raw or in an encoding an output might use: JSON
 * string escaping, URL and form encoding, workflow-command escaping, XML/HTML entities, Markdown
 * escaping, and base64 or base64url at each of the three byte alignments.
 */
import { randomInt } from 'node:crypto'

export interface Secret {
  name: string
  value: string
  /** The shortest piece that counts as a leak; default 8 characters. */
  minLength?: number
}

export interface Leak {
  secret: string
  encoding: string
  /** The output it was found in: stdout, a report file, ... */
  where: string
  offset: number
  /** The matched text with a little context either side. */
  excerpt: string
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
const ALPHANUMERIC = UPPER + LOWER + DIGITS
const BASE64 = `${ALPHANUMERIC}+/`
const BASE64URL = `${ALPHANUMERIC}-_`
/**
 * What a password holds so that every encoding below changes it: JSON, URL, command, XML and
 * Markdown specials, and `?` and `~`, whose base64 differs from their base64url.
 */
const PASSWORD_SPECIALS = '"\\&<%+/=:, _*#?~'
const PASSWORD = ALPHANUMERIC + PASSWORD_SPECIALS

function randomText(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}

function shuffled(text: string): string {
  const characters = [...text]
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1)
    ;[characters[index], characters[other]] = [
      characters[other] as string,
      characters[index] as string
    ]
  }
  return characters.join('')
}

/** A JWT's shape (header.payload.signature), every character random. */
const jwtLike = (): string =>
  [randomText(BASE64URL, 36), randomText(BASE64URL, 240), randomText(BASE64URL, 86)].join('.')

/**
 * Fresh values, by environment variable, for everything secret a workflow step can see: the AWS
 * credentials configure-aws-credentials exports (the emulator accepts any), the GitHub tokens
 * the runner hands a step, and two unrelated secrets a workflow put in `env:`.
 */
export function plantedSecrets(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: `ASIA${randomText(`${UPPER}234567`, 16)}`,
    AWS_SECRET_ACCESS_KEY: randomText(BASE64, 40),
    AWS_SESSION_TOKEN: randomText(BASE64, 356),
    GITHUB_TOKEN: `ghs_${randomText(ALPHANUMERIC, 36)}`,
    'INPUT_GITHUB-TOKEN': `ghs_${randomText(ALPHANUMERIC, 36)}`,
    ACTIONS_RUNTIME_TOKEN: jwtLike(),
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: jwtLike(),
    DEPLOY_BOT_TOKEN: `ghp_${randomText(ALPHANUMERIC, 36)}`,
    DATABASE_PASSWORD: shuffled(`${PASSWORD_SPECIALS}${randomText(PASSWORD, 20)}`)
  }
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}
const xmlEscaped = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] as string)

/** What `::command key=value::message` does to a message (@actions/core escapeData)... */
const commandDataEscaped = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
/** ...and to a property value (escapeProperty). */
const commandPropertyEscaped = (text: string): string =>
  commandDataEscaped(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/**
 * The part of base64(prefix + piece) that depends on the piece alone, for each of the three
 * byte offsets the piece can start at inside a larger encoded text.
 */
function base64Cores(piece: string, encoding: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(piece)
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString(encoding)
      .replace(/=+$/, '')
    const firstOwn = Math.ceil((offset * 8) / 6)
    const lastOwn = Math.floor(((offset + bytes.length) * 8) / 6)
    return encoded.slice(firstOwn, lastOwn)
  })
}

/** Each encoding of a piece; character-wise encodings of a longer text contain these. */
const ENCODINGS: [string, (piece: string) => string[]][] = [
  ['raw', (piece) => [piece]],
  ['JSON-escaped', (piece) => [JSON.stringify(piece).slice(1, -1)]],
  ['URL-encoded', (piece) => [encodeURIComponent(piece)]],
  ['form-encoded', (piece) => [new URLSearchParams({ v: piece }).toString().slice(2)]],
  ['command-escaped', (piece) => [commandDataEscaped(piece), commandPropertyEscaped(piece)]],
  ['XML-escaped', (piece) => [xmlEscaped(piece)]],
  [
    'Markdown-escaped',
    (piece) => {
      // src/report/markdown.ts: inline syntax anywhere, and block starters when at a line's start.
      const inline = xmlEscaped(piece).replace(/([\\`*_[\]|#~$])/g, '\\$1')
      return [inline, inline.replace(/^[-+=]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2')]
    }
  ],
  ['base64', (piece) => base64Cores(piece, 'base64')],
  ['base64url', (piece) => base64Cores(piece, 'base64url')]
]

interface Needle {
  secret: string
  encoding: string
}

export class SecretScanner {
  /** Needles by length, so one pass over a text per length finds them all. */
  private readonly needles = new Map<number, Map<string, Needle>>()
  bytesScanned = 0

  constructor(secrets: readonly Secret[]) {
    for (const secret of secrets) {
      const length = secret.minLength ?? 8
      if (secret.value.length < length)
        throw new Error(`${secret.name} is shorter than ${length} characters`)
      for (let start = 0; start + length <= secret.value.length; start++) {
        const piece = secret.value.slice(start, start + length)
        for (const [encoding, encode] of ENCODINGS) {
          for (const needle of encode(piece)) {
            const sameLength = this.needles.get(needle.length) ?? new Map<string, Needle>()
            this.needles.set(needle.length, sameLength)
            if (!sameLength.has(needle)) sameLength.set(needle, { secret: secret.name, encoding })
          }
        }
      }
    }
  }

  /** The first place each secret shows in each encoding. */
  scan(where: string, text: string): Leak[] {
    this.bytesScanned += Buffer.byteLength(text)
    const found = new Map<string, Leak>()
    for (const [length, needles] of this.needles) {
      for (let offset = 0; offset + length <= text.length; offset++) {
        const needle = needles.get(text.slice(offset, offset + length))
        if (!needle) continue
        const key = `${needle.secret} ${needle.encoding}`
        if (found.has(key)) continue
        found.set(key, {
          ...needle,
          where,
          offset,
          excerpt: text.slice(Math.max(0, offset - 40), offset + length + 40)
        })
      }
    }
    return [...found.values()]
  }
}
