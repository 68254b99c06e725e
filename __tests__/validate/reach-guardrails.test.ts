/**
 * allowed-accounts and allowed-regions reach wherever a template names an account: ARNs inside
 * other parameter values (an SSM automation's JSON parameters, an assume-role ARN), and the
 * accounts a multi-account experiment targets, which fis-gate cannot see and so refuses.
 */
import { describe, expect, it } from '@jest/globals'
import { guardrailIssues, type Guardrails } from '../../src/validate/guardrails.js'
import type { JsonObject } from '../../src/experiment/json-source.js'

const GUARDRAILS: Guardrails = {
  allowedAccounts: ['111122223333'],
  allowedRegions: ['eu-west-1'],
  requireStopConditions: false,
  forbiddenActions: []
}

const template = (changes: JsonObject): JsonObject => ({
  roleArn: 'arn:aws:iam::111122223333:role/fis',
  stopConditions: [{ source: 'none' }],
  targets: {},
  actions: {},
  ...changes
})

const rules = (value: JsonObject): [string, string][] =>
  guardrailIssues(value, undefined, GUARDRAILS).map((issue) => [issue.pointer, issue.rule])

describe('guardrails on accounts and Regions', () => {
  it('find an ARN inside a JSON parameter value', () => {
    const documentParameters = JSON.stringify({
      AutomationAssumeRole: 'arn:aws:iam::999999999999:role/prod-admin',
      InstanceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0'
    })
    expect(
      rules(
        template({
          actions: {
            automation: {
              actionId: 'aws:ssm:start-automation-execution',
              parameters: {
                documentArn: 'arn:aws:ssm:eu-west-1:111122223333:document/Restart',
                documentParameters,
                maxDuration: 'PT5M'
              }
            }
          }
        })
      )
    ).toEqual([
      ['/actions/automation/parameters/documentParameters', 'guardrail/account'],
      ['/actions/automation/parameters/documentParameters', 'guardrail/region']
    ])
  })

  it('refuse multi-account targeting, whose accounts are not in the template', () => {
    expect(rules(template({ experimentOptions: { accountTargeting: 'multi-account' } }))).toEqual([
      ['/experimentOptions/accountTargeting', 'guardrail/account']
    ])
    expect(rules(template({ experimentOptions: { accountTargeting: 'single-account' } }))).toEqual(
      []
    )
  })
})
