/** One change of an experiment file between two versions, as the pull-request comment lists it. */
import type { JsonValue } from '../experiment/json-source.js'
import {
  compact,
  differences,
  differenceWords,
  pathOf,
  type Difference,
  type Pair
} from './differences.js'

/** What a change is about, in the order the diff lists them. */
export type ChangeSubject =
  | 'file'
  | 'action'
  | 'target'
  | 'stop condition'
  | 'duration'
  | 'experiment options'
  | 'role'
  | 'log configuration'
  | 'experiment'
  | 'check'
  | 'hypothesis'
  | 'guardrail'
  | 'var'

export type ChangeKind = 'added' | 'removed' | 'changed'

/** Why a reviewer should look twice: the experiment may now do more harm, or judge less. */
export interface Risk {
  why: string
}

export interface SemanticChange {
  subject: ChangeSubject
  /** Where, in the experiment's terms: `actions.cartsLatency.parameters.delayMilliseconds`. */
  path: string
  kind: ChangeKind
  /** The value in the base version, compact and bounded; absent when it had none. */
  before?: string
  /** The value in this version, compact and bounded; absent when it has none. */
  after?: string
  /** One line of plain text (no Markdown), e.g. `cartsLatency.delayMilliseconds: 200 → 800`. */
  words: string
  risk?: Risk
}

export const kindOf = ({ before, after }: Difference): ChangeKind =>
  before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'

/** A change told in its own words, with the values it compares when it has them. */
export function describedChange(
  subject: ChangeSubject,
  keys: readonly string[],
  kind: ChangeKind,
  words: string,
  values: { before?: string; after?: string; risk?: Risk } = {}
): SemanticChange {
  const { before, after, risk } = values
  return {
    subject,
    path: pathOf(keys),
    kind,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    words,
    ...(risk ? { risk } : {})
  }
}

/** A difference as a change; `keys` is where the compared value sits in the experiment. */
export function differenceChange(
  subject: ChangeSubject,
  keys: readonly string[],
  label: string,
  difference: Difference,
  risk?: Risk
): SemanticChange {
  const { before, after } = difference
  return describedChange(
    subject,
    [...keys, ...difference.keys],
    kindOf(difference),
    differenceWords(label, difference),
    {
      before: before === undefined ? undefined : compact(before),
      after: after === undefined ? undefined : compact(after),
      risk
    }
  )
}

/**
 * The changes of a value, each labelled by its path (`guardrails.maxDuration`). `riskOf` judges
 * each difference; a member absent on one side is one change, not one per leaf.
 */
export function valueChanges(
  subject: ChangeSubject,
  keys: readonly string[],
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  riskOf: (difference: Difference) => Risk | undefined = () => undefined
): SemanticChange[] {
  return differences(before, after).map((difference) =>
    differenceChange(
      subject,
      keys,
      pathOf([...keys, ...difference.keys]),
      difference,
      riskOf(difference)
    )
  )
}

/** How the changes of one kind of element (actions, targets, stop conditions, checks) read. */
export interface ElementWords<T> {
  subject: ChangeSubject
  keys: readonly string[]
  /** `action cartsLatency` */
  label: string
  /** What an added or removed element is, in a few words. */
  summary?: (element: T) => string
  addedRisk?: (element: T) => Risk | undefined
  removedRisk?: (element: T) => Risk | undefined
  /** The changes of an element both versions have. */
  changed: (before: T, after: T) => SemanticChange[]
}

/** An element only one version has is one change, told by its summary; one in both is compared. */
export function elementChanges<T>(
  { before, after }: Pair<T>,
  words: ElementWords<T>
): SemanticChange[] {
  const { subject, keys, label, summary } = words
  if (before === undefined && after !== undefined) {
    const told = summary ? `: ${summary(after)}` : ''
    return [
      describedChange(subject, keys, 'added', `${label} added${told}`, {
        risk: words.addedRisk?.(after)
      })
    ]
  }
  if (before !== undefined && after === undefined) {
    const told = summary ? ` (was ${summary(before)})` : ''
    return [
      describedChange(subject, keys, 'removed', `${label} removed${told}`, {
        risk: words.removedRisk?.(before)
      })
    ]
  }
  return before !== undefined && after !== undefined ? words.changed(before, after) : []
}
