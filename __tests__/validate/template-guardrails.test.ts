/**
 * The guardrails of inline templates, applied to templates as FIS's GetExperimentTemplate returns
 * them (issue 9: a `templateId` file skipped every guardrail). The responses are typed with the
 * SDK's own ExperimentTemplate, so the function's input type is checked against FIS's shapes.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { ExperimentTemplate } from '@aws-sdk/client-fis'
import {
  templateGuardrailFindings,
  type Guardrails,
  type InputGuardrails
} from '../../src/validate/guardrails.js'
import { tempWorkspace, validateFile, type Workspace } from '../support/validate-files.js'

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
})
afterEach(() => workspace.remove())

const INPUTS: InputGuardrails = {
  allowedAccounts: ['111122223333'],
  allowedRegions: ['eu-west-1'],
  requireStopConditions: true
}
const FILE_GUARDRAILS = {
  maxDuration: 'PT1H',
  maxTargetPercent: 50,
  forbiddenActions: ['aws:ec2:terminate-instances']
}

/** The guardrails preflight holds a templateId file to: the file's, combined with the inputs. */
async function guardrailsOf(file: object): Promise<Guardrails> {
  workspace.write('experiments/existing.json', file)
  const { validated } = await validateFile(workspace, 'experiments/existing.json', {
    guardrails: INPUTS
  })
  if (!validated) throw new Error('the gate file did not load')
  return validated.guardrails
}

/** The exact bypass from the issue: no stop condition, terminate in another account and Region, 12 h. */
function bypass(): ExperimentTemplate {
  return {
    id: 'EXTbypass01',
    description: 'terminate the fleet',
    creationTime: new Date('2026-11-01T10:00:00Z'),
    lastUpdateTime: new Date('2026-11-01T10:00:00Z'),
    roleArn: 'arn:aws:iam::999988887777:role/fis',
    stopConditions: [{ source: 'none' }],
    targets: {
      fleet: {
        resourceType: 'aws:ec2:instance',
        resourceArns: ['arn:aws:ec2:ap-south-1:999988887777:instance/i-0123456789abcdef0'],
        selectionMode: 'ALL'
      }
    },
    actions: {
      terminate: { actionId: 'aws:ec2:terminate-instances', targets: { Instances: 'fleet' } },
      hold: {
        actionId: 'aws:fis:wait',
        parameters: { duration: 'PT12H' },
        startAfter: ['terminate']
      }
    },
    tags: { team: 'chaos' },
    experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' }
  }
}

const withinGuardrails = (): ExperimentTemplate => ({
  id: 'EXTfine0001',
  roleArn: 'arn:aws:iam::111122223333:role/fis',
  stopConditions: [
    { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a' }
  ],
  targets: {
    web: {
      resourceType: 'aws:ec2:instance',
      resourceTags: { app: 'web' },
      selectionMode: 'PERCENT(25)'
    }
  },
  actions: {
    stop: {
      actionId: 'aws:ec2:stop-instances',
      parameters: { startInstancesAfterDuration: 'PT10M' },
      targets: { Instances: 'web' }
    }
  }
})

describe('guardrails of a template read from FIS', () => {
  it('refuses the templateId bypass from the issue with every reason, each at its element', async () => {
    const guardrails = await guardrailsOf({
      templateId: 'EXTbypass01',
      guardrails: FILE_GUARDRAILS
    })
    const findings = templateGuardrailFindings(bypass(), guardrails, 'experiments/existing.json')
    expect(findings.map((finding) => [finding.rule, finding.path]).sort()).toEqual([
      ['guardrail/account', 'roleArn'],
      ['guardrail/account', 'targets.fleet.resourceArns[0]'],
      ['guardrail/forbidden-action', 'actions.terminate.actionId'],
      ['guardrail/max-duration', 'actions.hold.parameters.duration'],
      ['guardrail/max-target-percent', 'targets.fleet.selectionMode'],
      ['guardrail/region', 'targets.fleet.resourceArns[0]'],
      ['guardrail/stop-conditions', 'stopConditions']
    ])
    for (const finding of findings) {
      expect(finding).toMatchObject({
        file: 'experiments/existing.json',
        line: 0,
        column: 0,
        severity: 'error'
      })
      expect(finding.message.startsWith(`Template EXTbypass01, ${finding.path}: `)).toBe(true)
    }
    expect(findings.find((finding) => finding.rule === 'guardrail/max-duration')?.message).toMatch(
      /estimated to run 12h \(terminate → hold\), over the maxDuration of 1h/
    )
    expect(findings.find((finding) => finding.rule === 'guardrail/region')?.message).toMatch(
      /is in ap-south-1, which is not in the allowed Regions \(eu-west-1\)/
    )
  })

  it('applies the same checks as to the same template written inline', async () => {
    const { id: _id, creationTime: _c, lastUpdateTime: _u, ...inline } = bypass()
    workspace.write('experiments/inline.json', { template: inline, guardrails: FILE_GUARDRAILS })
    const { findings: inlineFindings } = await validateFile(workspace, 'experiments/inline.json', {
      guardrails: INPUTS
    })
    const guardrails = await guardrailsOf({
      templateId: 'EXTbypass01',
      guardrails: FILE_GUARDRAILS
    })
    const online = templateGuardrailFindings(bypass(), guardrails, 'experiments/existing.json')
    const rules = (list: { rule: string }[]): string[] =>
      list
        .map((finding) => finding.rule)
        .filter((rule) => rule.startsWith('guardrail/'))
        .sort()
    expect(rules(online)).toEqual(rules(inlineFindings))
    expect(rules(online)).toHaveLength(7)
  })

  it('passes a template within every guardrail', async () => {
    const guardrails = await guardrailsOf({
      templateId: 'EXTfine0001',
      guardrails: FILE_GUARDRAILS
    })
    expect(templateGuardrailFindings(withinGuardrails(), guardrails, 'f.json')).toEqual([])
  })

  it('checks alarm, log group and ARN parameters, and forbidden prefixes', async () => {
    const template = withinGuardrails()
    template.stopConditions = [
      { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:a' }
    ]
    template.logConfiguration = {
      logSchemaVersion: 2,
      cloudWatchLogsConfiguration: {
        logGroupArn: 'arn:aws:logs:eu-west-1:444455556666:log-group:/fis:*'
      }
    }
    template.actions = {
      ...template.actions,
      stress: {
        actionId: 'aws:ssm:send-command',
        parameters: {
          documentArn: 'arn:aws:ssm:eu-central-1::document/AWSFIS-Run-CPU-Stress',
          duration: 'PT5M'
        },
        targets: { Instances: 'web' }
      }
    }
    const guardrails = await guardrailsOf({
      templateId: 'EXTfine0001',
      guardrails: { forbiddenActions: ['aws:ssm:*'] }
    })
    const findings = templateGuardrailFindings(template, guardrails, 'f.json')
    expect(findings.map((finding) => [finding.rule, finding.path]).sort()).toEqual([
      ['guardrail/account', 'logConfiguration.cloudWatchLogsConfiguration.logGroupArn'],
      ['guardrail/forbidden-action', 'actions.stress.actionId'],
      ['guardrail/region', 'actions.stress.parameters.documentArn'],
      ['guardrail/region', 'stopConditions[0].value']
    ])
  })

  it('reads a template whose names are Object.prototype members as data', async () => {
    const names = Object.getOwnPropertyNames(Object.prototype)
    const template: ExperimentTemplate = {
      ...withinGuardrails(),
      targets: Object.fromEntries(
        names.map((name) => [
          name,
          { resourceType: 'aws:ec2:instance', resourceTags: { a: 'b' }, selectionMode: 'ALL' }
        ])
      ),
      actions: Object.fromEntries(
        names.map((name) => [
          name,
          {
            actionId: 'aws:ec2:terminate-instances',
            parameters: Object.fromEntries(names.map((parameter) => [parameter, 'x'])),
            targets: { Instances: name },
            startAfter: names
          }
        ])
      )
    }
    const guardrails = await guardrailsOf({
      templateId: 'EXTfine0001',
      guardrails: FILE_GUARDRAILS
    })
    const findings = templateGuardrailFindings(template, guardrails, 'f.json')
    const paths = (rule: string): string[] =>
      findings.filter((finding) => finding.rule === rule).map((finding) => finding.path)
    expect(paths('guardrail/forbidden-action').sort()).toEqual(
      names.map((name) => `actions.${name}.actionId`).sort()
    )
    expect(paths('guardrail/max-target-percent')).toHaveLength(names.length)
  })

  it('needs stop conditions only when required', async () => {
    const template = { ...withinGuardrails(), stopConditions: [{ source: 'none' }] }
    const strict = await guardrailsOf({ templateId: 'EXTfine0001' })
    expect(templateGuardrailFindings(template, strict, 'f.json').map((f) => f.rule)).toEqual([
      'guardrail/stop-conditions'
    ])
    const relaxed = { ...strict, requireStopConditions: false }
    expect(templateGuardrailFindings(template, relaxed, 'f.json')).toEqual([])
  })
})
