/**
 * Metric math: `+ - * /`, unary minus and parentheses over query ids and numbers. Series combine
 * point by point on the timestamps both have (as CloudWatch does), a number applies to every
 * point, and points that would divide by zero are left out.
 */
import type { Series } from './metrics.js'

type Operator = '+' | '-' | '*' | '/'

export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'reference'; id: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: Operator; left: Expression; right: Expression }

function isOperator(text: string, operators: readonly Operator[]): text is Operator {
  return (operators as readonly string[]).includes(text)
}

export class MathError extends Error {
  override name = 'MathError'
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y

type Token = { type: 'number' | 'identifier' | 'symbol'; text: string }

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break
    const at = TOKEN.lastIndex
    const match = TOKEN.exec(text)
    if (!match) throw new MathError(`unexpected character at position ${at + 1}`)
    const [, number, identifier, symbol] = match
    if (number !== undefined) tokens.push({ type: 'number', text: number })
    else if (identifier !== undefined) tokens.push({ type: 'identifier', text: identifier })
    else tokens.push({ type: 'symbol', text: symbol ?? '' })
  }
  return tokens
}

export function parseExpression(text: string): Expression {
  const tokens = tokenize(text)
  let position = 0
  const peek = (): Token | undefined => tokens[position]
  const take = (): Token | undefined => tokens[position++]

  /** One precedence level of left-associative binary operators. */
  const level = (operators: readonly Operator[], operand: () => Expression) => (): Expression => {
    let left = operand()
    for (let token = peek(); token && isOperator(token.text, operators); token = peek()) {
      take()
      left = { kind: 'binary', operator: token.text, left, right: operand() }
    }
    return left
  }
  const unary = (): Expression => {
    const token = take()
    if (!token) throw new MathError('the expression ends too early')
    if (token.text === '-') return { kind: 'negate', operand: unary() }
    if (token.text === '+') return unary()
    if (token.type === 'number') return { kind: 'number', value: Number(token.text) }
    if (token.type === 'identifier') {
      if (peek()?.text === '(') {
        throw new MathError(`function ${token.text}() is not supported by the emulator`)
      }
      return { kind: 'reference', id: token.text }
    }
    if (token.text === '(') {
      const inner = sum()
      if (take()?.text !== ')') throw new MathError('a parenthesis is not closed')
      return inner
    }
    throw new MathError(`unexpected '${token.text}'`)
  }
  const product = level(['*', '/'], unary)
  const sum = level(['+', '-'], product)

  const expression = sum()
  const rest = peek()
  if (rest) throw new MathError(`unexpected '${rest.text}'`)
  return expression
}

type Operand = number | Series

/** Evaluates to a series; `resolve` supplies the series of each referenced query id. */
export function evaluateExpression(
  expression: Expression,
  resolve: (id: string) => Series
): Series {
  const result = evaluate(expression, resolve)
  if (typeof result === 'number') {
    throw new MathError('the expression must reference at least one metric')
  }
  return result
}

function evaluate(expression: Expression, resolve: (id: string) => Series): Operand {
  switch (expression.kind) {
    case 'number':
      return expression.value
    case 'reference':
      return resolve(expression.id)
    case 'negate':
      return combine('*', -1, evaluate(expression.operand, resolve))
    case 'binary':
      return combine(
        expression.operator,
        evaluate(expression.left, resolve),
        evaluate(expression.right, resolve)
      )
  }
}

function apply(operator: Operator, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right
    case '-':
      return left - right
    case '*':
      return left * right
    case '/':
      return left / right
  }
}

function combine(operator: Operator, left: Operand, right: Operand): Operand {
  if (typeof left === 'number' && typeof right === 'number') return apply(operator, left, right)
  const leftAt = pointLookup(left)
  const rightAt = pointLookup(right)
  const timestamps = typeof left === 'number' ? (right as Series).timestamps : left.timestamps
  const result: Series = { timestamps: [], values: [] }
  for (const timestamp of timestamps) {
    const a = leftAt(timestamp)
    const b = rightAt(timestamp)
    if (a === undefined || b === undefined) continue
    const value = apply(operator, a, b)
    if (!Number.isFinite(value)) continue
    result.timestamps.push(timestamp)
    result.values.push(value)
  }
  return result
}

function pointLookup(operand: Operand): (timestamp: number) => number | undefined {
  if (typeof operand === 'number') return () => operand
  const points = new Map(operand.timestamps.map((timestamp, index) => [timestamp, index]))
  return (timestamp) => {
    const index = points.get(timestamp)
    return index === undefined ? undefined : operand.values[index]
  }
}
