/**
 * Writes schemas/*.schema.json from the FIS action catalog. The schemas are published for editors
 * (`"$schema": ".../experiment.schema.json"` gives completion of action ids, parameters and
 * target keys) and compiled by the validator at run time. Run: `npm run build:schemas`.
 */
import { writeFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import standalone from 'ajv/dist/standalone/index.js'
import { fisCatalog, type ParameterFormat, type ParameterSpec } from '../src/catalog/catalog.js'
import { GATE_FILE_KEYS } from '../src/experiment/model.js'

type Schema = Record<string, unknown>

const DRAFT = 'http://json-schema.org/draft-07/schema#'
/** Smithy's FIS patterns are unanchored: "contains at least one non-whitespace character". */
const NON_BLANK = '[\\S]+'
/** FIS's target parameter value pattern, also admitting ${NAME} placeholders (substituted before FIS sees them). */
const TARGET_PARAMETER_VALUE = '^(?:[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]|\\$\\{[^{}]+\\})+$'
const DURATION_PATTERN =
  '^P(?:\\d+(?:\\.\\d+)?W)?(?:\\d+(?:\\.\\d+)?D)?(?:T(?:\\d+(?:\\.\\d+)?H)?(?:\\d+(?:\\.\\d+)?M)?(?:\\d+(?:\\.\\d+)?S)?)?$'

const stringMap = (description: string, valueSchema: Schema, maxProperties?: number): Schema => ({
  type: 'object',
  description,
  ...(maxProperties ? { maxProperties } : {}),
  propertyNames: { maxLength: 128, minLength: 1 },
  additionalProperties: valueSchema
})

/** Enum values to offer editors for a parameter, when the catalog knows them. */
function completionValues(format: ParameterFormat): string[] | undefined {
  if (format.type === 'enum' && !format.caseInsensitive) return format.values
  if (format.type === 'boolean') return ['true', 'false']
  return undefined
}

function parameterSchema(spec: ParameterSpec, allowObject: boolean): Schema {
  const values = completionValues(spec.format)
  const description = spec.default
    ? `${spec.description} Default: ${spec.default}.`
    : spec.description
  return {
    type: allowObject ? ['string', 'object'] : 'string',
    description,
    ...(values ? { examples: values } : {}),
    ...(spec.default ? { default: spec.default } : {})
  }
}

function actionContracts(): Schema[] {
  return [...fisCatalog().actions.values()].map((action) => {
    const required = Object.entries(action.parameters)
      .filter(([, spec]) => spec.required)
      .map(([parameter]) => parameter)
    const targetKeys = Object.fromEntries(
      Object.entries(action.targets).map(([key, types]) => [
        key,
        { type: 'string', description: `Name of a target of resource type ${types.join(' or ')}.` }
      ])
    )
    return {
      if: { properties: { actionId: { const: action.id } }, required: ['actionId'] },
      then: {
        description: action.description,
        properties: {
          parameters: {
            properties: Object.fromEntries(
              Object.entries(action.parameters).map(([parameter, spec]) => [
                parameter,
                parameterSchema(spec, spec.format.type === 'kubernetes-spec')
              ])
            ),
            ...(required.length ? { required } : {}),
            additionalProperties: false
          },
          targets: {
            properties: targetKeys,
            ...(Object.keys(targetKeys).length === 1 ? { required: Object.keys(targetKeys) } : {}),
            additionalProperties: false
          }
        }
      }
    }
  })
}

function fisTemplateSchema(): Schema {
  const catalog = fisCatalog()
  return {
    $schema: DRAFT,
    $id: 'fis-template.schema.json',
    title: 'AWS FIS experiment template',
    description:
      'The input of `aws fis create-experiment-template --cli-input-json`, as fis-gate accepts it: kubernetesSpec may also be a JSON object, and `$schema` is allowed for editors (fis-gate removes it before calling FIS).',
    type: 'object',
    required: ['description', 'stopConditions', 'actions', 'roleArn'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      clientToken: { type: 'string', minLength: 1, maxLength: 1024, pattern: NON_BLANK },
      description: {
        type: 'string',
        minLength: 1,
        maxLength: 512,
        description: 'What the experiment does (at most 512 characters).'
      },
      stopConditions: {
        type: 'array',
        maxItems: 5,
        description:
          'Up to 5 stop conditions; FIS stops the experiment when one of these CloudWatch alarms enters ALARM.',
        items: { $ref: '#/definitions/stopCondition' }
      },
      targets: {
        type: 'object',
        description: 'Targets by name; actions refer to them through their target keys.',
        propertyNames: { maxLength: 64, minLength: 1, pattern: NON_BLANK },
        additionalProperties: { $ref: '#/definitions/target' }
      },
      actions: {
        type: 'object',
        maxProperties: 20,
        description: 'Actions by name (at most 20 per template).',
        propertyNames: { maxLength: 64, minLength: 1, pattern: NON_BLANK },
        additionalProperties: { $ref: '#/definitions/action' }
      },
      roleArn: {
        type: 'string',
        minLength: 20,
        maxLength: 2048,
        pattern: NON_BLANK,
        description: 'ARN of the IAM role FIS assumes to run the experiment.'
      },
      tags: stringMap('Tags of the experiment template.', { type: 'string', maxLength: 256 }, 50),
      logConfiguration: {
        type: 'object',
        additionalProperties: false,
        required: ['logSchemaVersion'],
        properties: {
          logSchemaVersion: {
            type: 'integer',
            minimum: 1,
            description: 'Experiment log schema version; the current one is 2.'
          },
          cloudWatchLogsConfiguration: {
            type: 'object',
            additionalProperties: false,
            required: ['logGroupArn'],
            properties: {
              logGroupArn: { type: 'string', minLength: 20, maxLength: 2048, pattern: NON_BLANK }
            }
          },
          s3Configuration: {
            type: 'object',
            additionalProperties: false,
            required: ['bucketName'],
            properties: {
              bucketName: { type: 'string', minLength: 3, maxLength: 63 },
              prefix: { type: 'string', minLength: 1, maxLength: 700 }
            }
          }
        }
      },
      experimentOptions: {
        type: 'object',
        additionalProperties: false,
        properties: {
          accountTargeting: { enum: ['single-account', 'multi-account'] },
          emptyTargetResolutionMode: {
            enum: ['fail', 'skip'],
            description:
              'What happens when a target resolves to no resource: fail the experiment (default) or skip its actions.'
          }
        }
      },
      experimentReportConfiguration: {
        type: 'object',
        additionalProperties: false,
        properties: {
          outputs: {
            type: 'object',
            additionalProperties: false,
            properties: {
              s3Configuration: {
                type: 'object',
                additionalProperties: false,
                required: ['bucketName'],
                properties: {
                  bucketName: { type: 'string', minLength: 3, maxLength: 63 },
                  prefix: { type: 'string', minLength: 1, maxLength: 256, pattern: NON_BLANK }
                }
              }
            }
          },
          dataSources: {
            type: 'object',
            additionalProperties: false,
            properties: {
              cloudWatchDashboards: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { dashboardIdentifier: { type: 'string', maxLength: 512 } }
                }
              }
            }
          },
          preExperimentDuration: { type: 'string', maxLength: 32, pattern: DURATION_PATTERN },
          postExperimentDuration: { type: 'string', maxLength: 32, pattern: DURATION_PATTERN }
        }
      }
    },
    definitions: {
      stopCondition: {
        type: 'object',
        additionalProperties: false,
        required: ['source'],
        properties: {
          source: {
            enum: ['aws:cloudwatch:alarm', 'none'],
            description: '`aws:cloudwatch:alarm` with the alarm ARN as value, or `none`.'
          },
          value: {
            type: 'string',
            minLength: 20,
            maxLength: 2048,
            pattern: NON_BLANK,
            description: 'The CloudWatch alarm ARN.'
          }
        },
        if: { properties: { source: { const: 'aws:cloudwatch:alarm' } }, required: ['source'] },
        then: { required: ['value'] }
      },
      target: {
        type: 'object',
        additionalProperties: false,
        required: ['resourceType', 'selectionMode'],
        properties: {
          resourceType: {
            type: 'string',
            maxLength: 128,
            pattern: NON_BLANK,
            examples: [...catalog.resourceTypes.keys()],
            description: 'The FIS resource type, e.g. aws:ec2:instance.'
          },
          resourceArns: {
            type: 'array',
            maxItems: 5,
            description: 'Up to 5 resource ARNs (not together with resourceTags or filters).',
            items: { type: 'string', minLength: 20, maxLength: 2048 }
          },
          resourceTags: stringMap(
            'Select resources carrying all these tags.',
            { type: 'string', maxLength: 256 },
            50
          ),
          filters: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path', 'values'],
              properties: {
                path: { type: 'string', maxLength: 256, pattern: NON_BLANK },
                values: { type: 'array', items: { type: 'string', maxLength: 128 } }
              }
            }
          },
          selectionMode: {
            type: 'string',
            maxLength: 64,
            examples: ['ALL', 'COUNT(1)', 'PERCENT(25)'],
            description: 'ALL, COUNT(n) or PERCENT(n) of the resolved resources.'
          },
          parameters: {
            type: 'object',
            propertyNames: { maxLength: 64, minLength: 1 },
            additionalProperties: {
              type: 'string',
              minLength: 1,
              maxLength: 1024,
              pattern: TARGET_PARAMETER_VALUE
            }
          }
        }
      },
      action: {
        type: 'object',
        additionalProperties: false,
        required: ['actionId'],
        properties: {
          actionId: {
            type: 'string',
            maxLength: 128,
            pattern: NON_BLANK,
            examples: [...catalog.actions.keys()],
            description: 'The FIS action, aws:service:action-type.'
          },
          description: { type: 'string', maxLength: 512 },
          parameters: {
            type: 'object',
            propertyNames: { maxLength: 64, minLength: 1 },
            properties: {
              kubernetesSpec: {
                type: ['string', 'object'],
                description:
                  'A JSON string, or a JSON object that fis-gate serializes (at most 1024 characters either way).'
              }
            },
            additionalProperties: { type: 'string' }
          },
          targets: {
            type: 'object',
            propertyNames: { maxLength: 64, minLength: 1 },
            additionalProperties: { type: 'string', maxLength: 64 }
          },
          startAfter: {
            type: 'array',
            description: 'Names of actions that must complete before this one starts.',
            items: { type: 'string', maxLength: 64 }
          }
        },
        allOf: actionContracts()
      }
    }
  }
}

const COMPARISON_OPERATORS = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold'
]

function hypothesisSchema(): Schema {
  const duration = (description: string): Schema => ({
    type: 'string',
    pattern: DURATION_PATTERN,
    description
  })
  const metricStat: Schema = {
    type: 'object',
    additionalProperties: false,
    required: ['namespace', 'metricName', 'stat', 'period'],
    properties: {
      namespace: { type: 'string', minLength: 1, maxLength: 255 },
      metricName: { type: 'string', minLength: 1, maxLength: 255 },
      dimensions: {
        type: 'object',
        maxProperties: 30,
        propertyNames: { minLength: 1, maxLength: 255 },
        additionalProperties: { type: 'string', minLength: 1, maxLength: 1024 }
      },
      stat: {
        type: 'string',
        examples: [
          'Average',
          'Sum',
          'Minimum',
          'Maximum',
          'SampleCount',
          'p95',
          'p99',
          'tm90',
          'IQM'
        ],
        description: 'A CloudWatch statistic or extended statistic (p95, tm90, TM(10%:90%), ...).'
      },
      period: {
        type: 'integer',
        minimum: 1,
        description: 'Seconds: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60.'
      },
      unit: { type: 'string' },
      accountId: { type: 'string', pattern: '^\\d{12}$' }
    }
  }
  return {
    $schema: DRAFT,
    $id: 'hypothesis.schema.json',
    title: 'fis-gate steady-state hypothesis',
    description:
      'Checks that read like CloudWatch alarms that must not fire, evaluated before, during and after the experiment.',
    type: 'object',
    additionalProperties: false,
    required: ['checks'],
    properties: {
      description: { type: 'string', maxLength: 1024 },
      baseline: duration(
        'The window before the fault: `before` checks must hold there; it also gives the baseline mean for baselineComparison.'
      ),
      settle: duration(
        'Wait this long after the experiment ends (metric ingestion lag) before the final evaluation.'
      ),
      checks: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/definitions/check' } }
    },
    definitions: {
      metricStat,
      check: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 255 },
          metric: { $ref: '#/definitions/metricStat' },
          expression: {
            type: 'string',
            minLength: 1,
            maxLength: 2048,
            description: 'A metric math expression over the ids in `metrics`.'
          },
          metrics: {
            type: 'object',
            minProperties: 1,
            propertyNames: { pattern: '^[a-z][a-zA-Z0-9_]*$' },
            additionalProperties: { $ref: '#/definitions/metricStat' }
          },
          comparisonOperator: { enum: COMPARISON_OPERATORS },
          threshold: { type: 'number' },
          datapointsToAlarm: { type: 'integer', minimum: 1 },
          evaluationPeriods: { type: 'integer', minimum: 1 },
          treatMissingData: { enum: ['missing', 'notBreaching', 'breaching', 'ignore'] },
          phases: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: ['before', 'during', 'after'] }
          },
          recoverWithin: duration(
            'After the experiment ends, the check must be non-breaching again within this time.'
          ),
          baselineComparison: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              maxIncreasePercent: { type: 'number', minimum: 0 },
              maxDecreasePercent: { type: 'number', minimum: 0, maximum: 100 }
            }
          },
          abortOnBreach: { type: 'boolean' }
        }
      }
    }
  }
}

function experimentSchema(): Schema {
  return {
    $schema: DRAFT,
    $id: 'experiment.schema.json',
    title: 'fis-gate experiment file',
    description:
      'A bare FIS experiment template, or a gate file with a template (inline, templateFile or templateId), vars, a hypothesis and guardrails.',
    if: { type: 'object', anyOf: GATE_FILE_KEYS.map((key) => ({ required: [key] })) },
    then: { $ref: '#/definitions/gateFile' },
    else: { $ref: 'fis-template.schema.json' },
    definitions: {
      gateFile: {
        type: 'object',
        additionalProperties: false,
        properties: {
          $schema: { type: 'string' },
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
            description: 'Defaults to the file name without extension.'
          },
          template: { $ref: 'fis-template.schema.json' },
          templateFile: {
            type: 'string',
            minLength: 1,
            description: 'Path of a bare FIS template, relative to this file.'
          },
          templateId: {
            type: 'string',
            maxLength: 64,
            pattern: '^EXT[A-Za-z0-9]+$',
            description:
              'An existing experiment template id (EXT...), run as-is and never modified or deleted.'
          },
          vars: {
            type: 'object',
            description:
              'Default values for ${NAME} placeholders; the action input `vars` overrides them.',
            propertyNames: { minLength: 1, pattern: '^[^${}\\s]+$' },
            additionalProperties: { type: 'string' }
          },
          hypothesis: { $ref: 'hypothesis.schema.json' },
          guardrails: { $ref: '#/definitions/guardrails' }
        },
        oneOf: [
          { required: ['template'] },
          { required: ['templateFile'] },
          { required: ['templateId'] }
        ]
      },
      guardrails: {
        type: 'object',
        additionalProperties: false,
        description:
          'Safety limits for this file, combined with the action inputs: the stricter wins.',
        properties: {
          allowedAccounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } },
          allowedRegions: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' }
          },
          maxDuration: {
            type: 'string',
            pattern: DURATION_PATTERN,
            description:
              'Upper bound of the estimated duration: the longest startAfter path of action durations.'
          },
          requireStopConditions: {
            type: 'boolean',
            description: 'Require an aws:cloudwatch:alarm stop condition (default true).'
          },
          maxTargetPercent: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            description: 'Upper bound of PERCENT(n); ALL counts as 100.'
          },
          forbiddenActions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Action ids (aws:ec2:terminate-instances) or prefixes ending in * (aws:ec2:*) that must not be used.'
          }
        }
      }
    }
  }
}

/** An object of exactly these properties: a report holds nothing undocumented. */
const closedObject = (
  properties: Record<string, Schema>,
  required: string[],
  description?: string
): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(description ? { description } : {}),
  required,
  properties
})
const reportText: Schema = { type: 'string' }
const reportTime: Schema = { type: 'string', format: 'date-time', description: 'ISO-8601, UTC.' }
const reportTool = closedObject({ name: { const: 'fis-gate' }, version: reportText }, [
  'name',
  'version'
])
const reportVerdicts = ['pass', 'fail', 'aborted', 'inconclusive', 'error', 'cancelled']
/** src/run/context.ts WorkflowRun: the job execution that wrote the report. */
const reportWorkflow = closedObject(
  {
    repository: reportText,
    runId: reportText,
    runAttempt: reportText,
    sha: reportText,
    job: reportText,
    execution: reportText
  },
  ['repository', 'runId', 'runAttempt', 'sha', 'job', 'execution']
)

function reportSchema(): Schema {
  const object = closedObject
  const text = reportText
  const time = reportTime
  const epoch: Schema = { type: 'number', description: 'Epoch milliseconds.' }
  const verdicts = reportVerdicts
  const window = object(
    { start: epoch, end: epoch },
    ['start', 'end'],
    'A time window; end exclusive.'
  )
  const phaseStatus = { enum: ['pass', 'breach', 'inconclusive'] }
  const phase = object(
    {
      phase: { enum: ['before', 'during', 'after'] },
      status: phaseStatus,
      reason: text,
      window,
      expectedPeriods: { type: 'integer' },
      datapoints: { type: 'integer' },
      periods: {
        type: 'array',
        items: object(
          {
            start: epoch,
            value: { type: 'number' },
            state: { enum: ['breaching', 'ok', 'missing'] },
            causes: {
              type: 'array',
              items: { enum: ['threshold', 'increase', 'decrease'] }
            }
          },
          ['start', 'state', 'causes']
        )
      },
      evaluations: {
        type: 'array',
        description: "The alarm's evaluation at the end of every owned period that was judged.",
        items: object(
          {
            at: epoch,
            period: epoch,
            state: { enum: ['ALARM', 'OK', 'INSUFFICIENT_DATA', 'RETAIN'] },
            real: { type: 'integer' },
            evaluated: { type: 'array', items: epoch },
            breaching: { type: 'integer' },
            filled: { type: 'integer' }
          },
          ['at', 'period', 'state', 'real', 'evaluated', 'breaching', 'filled']
        )
      },
      breachingPeriods: { type: 'array', items: epoch },
      firstBreach: object(
        {
          at: epoch,
          from: epoch,
          to: epoch,
          breaching: { type: 'integer' },
          length: { type: 'integer' }
        },
        ['at', 'from', 'to', 'breaching', 'length']
      ),
      observed: object(
        {
          min: { type: 'number' },
          max: { type: 'number' },
          mean: { type: 'number' },
          last: { type: 'number' }
        },
        ['min', 'max', 'mean', 'last']
      ),
      recovery: object(
        {
          limitSeconds: { type: 'number' },
          recovered: { type: 'boolean' },
          seconds: { type: 'number' },
          at: epoch,
          period: epoch,
          met: { type: 'boolean' }
        },
        ['limitSeconds', 'recovered', 'met']
      )
    },
    [
      'phase',
      'status',
      'reason',
      'window',
      'expectedPeriods',
      'datapoints',
      'periods',
      'evaluations',
      'breachingPeriods'
    ]
  )
  const check = object(
    {
      name: text,
      status: phaseStatus,
      phases: { type: 'array', items: phase },
      baseline: object(
        {
          window,
          expectedPeriods: { type: 'integer' },
          datapoints: { type: 'integer' },
          mean: { type: 'number' },
          upperBound: { type: 'number' },
          lowerBound: { type: 'number' }
        },
        ['window', 'expectedPeriods', 'datapoints']
      ),
      noData: { type: 'boolean' }
    },
    ['name', 'status', 'phases']
  )
  const experiment = object(
    {
      file: text,
      name: text,
      mode: { enum: ['plan', 'run'] },
      verdict: { enum: verdicts },
      reason: { type: 'string', description: 'Why this verdict, in one sentence.' },
      region: text,
      templateId: text,
      templateCreated: { type: 'boolean' },
      templateDeleted: { type: 'boolean' },
      experimentId: text,
      status: { type: 'string', description: 'The final FIS experiment state.' },
      statusReason: text,
      startTime: time,
      endTime: time,
      actions: {
        type: 'array',
        items: object(
          {
            name: text,
            actionId: text,
            status: text,
            reason: text,
            startTime: time,
            endTime: time
          },
          ['name', 'actionId', 'status']
        )
      },
      alarms: {
        type: 'array',
        items: object(
          {
            name: text,
            arn: text,
            state: text,
            stateReason: text,
            firedDuringExperiment: { type: 'boolean' },
            firedAt: time
          },
          ['name', 'arn', 'firedDuringExperiment']
        )
      },
      timeline: {
        type: 'array',
        items: object(
          {
            time: {
              ...time,
              description:
                "ISO-8601, UTC: FIS's or CloudWatch's own timestamp, never the runner's clock; absent when AWS records no time for the change. The events are in time order, an untimed one after every event before it."
            },
            source: { enum: ['experiment', 'action', 'alarm', 'fis-gate'] },
            name: text,
            from: text,
            to: text,
            detail: text
          },
          ['source', 'name', 'to']
        )
      },
      resolvedTargets: {
        type: 'array',
        items: object({ targetName: text, resourceType: text, identifier: text }, [
          'targetName',
          'resourceType',
          'identifier'
        ])
      },
      hypothesis: object(
        {
          verdict: { enum: ['pass', 'fail', 'inconclusive'] },
          reason: text,
          checks: { type: 'array', items: check },
          windows: object(
            {
              baseline: window,
              during: window,
              settle: { type: 'number', description: 'Seconds: the ingestion delay.' }
            },
            ['during', 'settle']
          ),
          series: {
            type: 'array',
            items: object(
              {
                check: text,
                points: {
                  type: 'array',
                  items: object({ timestamp: epoch, value: { type: 'number' } }, [
                    'timestamp',
                    'value'
                  ])
                }
              },
              ['check', 'points']
            )
          }
        },
        ['verdict', 'reason', 'checks', 'windows', 'series']
      )
    },
    [
      'file',
      'name',
      'mode',
      'verdict',
      'reason',
      'templateCreated',
      'templateDeleted',
      'actions',
      'alarms',
      'timeline'
    ]
  )
  return {
    $schema: DRAFT,
    $id: 'report.schema.json',
    title: 'fis-gate report',
    description:
      'The JSON report of a plan or run (the report output): the verdict, the validation findings, and per experiment what FIS, CloudWatch and the hypothesis showed.',
    ...object(
      {
        schemaVersion: { const: 1 },
        tool: reportTool,
        mode: { enum: ['plan', 'run'] },
        verdict: { enum: verdicts, description: 'The worst verdict over all experiments.' },
        startedAt: time,
        finishedAt: time,
        workflow: reportWorkflow,
        findings: {
          type: 'array',
          items: object(
            {
              file: text,
              line: { type: 'integer' },
              column: { type: 'integer' },
              rule: text,
              severity: { enum: ['error', 'warning', 'notice'] },
              message: text
            },
            ['file', 'line', 'column', 'rule', 'severity', 'message']
          )
        },
        experiments: { type: 'array', items: experiment }
      },
      [
        'schemaVersion',
        'tool',
        'mode',
        'verdict',
        'startedAt',
        'finishedAt',
        'workflow',
        'findings',
        'experiments'
      ]
    )
  }
}

/** The JSON report of a sweep (src/report/json-report.ts toSweepJsonReport). */
function sweepReportSchema(): Schema {
  const count: Schema = { type: 'integer', minimum: 0 }
  const item = closedObject(
    {
      kind: { enum: ['experiment', 'template'] },
      id: reportText,
      status: { ...reportText, description: "An experiment's FIS state when it was listed." },
      file: { ...reportText, description: 'The fis-gate:experiment tag: the experiment file.' },
      run: closedObject(
        {
          repository: reportText,
          runId: { type: 'integer' },
          attempt: { type: 'integer' }
        },
        ['repository', 'runId'],
        'The workflow run attempt its tags name.'
      ),
      ageSeconds: {
        ...count,
        description: 'Since FIS started the experiment or created the template.'
      },
      outcome: {
        enum: [
          'stopped',
          'would-stop',
          'ended-before-stop',
          'stop-unconfirmed',
          'deleted',
          'would-delete',
          'delete-failed',
          'left',
          'not-done'
        ]
      },
      why: reportText
    },
    ['kind', 'id', 'outcome', 'why']
  )
  return {
    $schema: DRAFT,
    $id: 'sweep-report.schema.json',
    title: 'fis-gate sweep report',
    description:
      'The JSON report of mode: sweep (the report output): every experiment and template fis-gate tagged that the sweep looked at, what it did and why.',
    ...closedObject(
      {
        schemaVersion: { const: 1 },
        tool: reportTool,
        mode: { const: 'sweep' },
        verdict: {
          enum: reportVerdicts,
          description:
            'pass: nothing needed stopping; fail: an experiment needed stopping; error: FIS could not be listed, or a stop or delete did not happen; cancelled.'
        },
        reason: reportText,
        dryRun: { type: 'boolean' },
        region: reportText,
        startedAt: reportTime,
        finishedAt: reportTime,
        workflow: reportWorkflow,
        items: { type: 'array', items: item },
        untagged: closedObject(
          { experiments: count, templates: count },
          ['experiments', 'templates'],
          "Active experiments and templates without fis-gate's tags: not looked at."
        ),
        problems: { type: 'array', items: reportText }
      },
      [
        'schemaVersion',
        'tool',
        'mode',
        'verdict',
        'reason',
        'dryRun',
        'region',
        'startedAt',
        'finishedAt',
        'workflow',
        'items',
        'untagged',
        'problems'
      ]
    )
  }
}

const outputs: Record<string, Schema> = {
  'schemas/fis-template.schema.json': fisTemplateSchema(),
  'schemas/hypothesis.schema.json': hypothesisSchema(),
  'schemas/experiment.schema.json': experimentSchema(),
  'schemas/report.schema.json': reportSchema(),
  'schemas/sweep-report.schema.json': sweepReportSchema()
}
for (const [path, schema] of Object.entries(outputs)) {
  writeFileSync(new URL(`../${path}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`)
}

/**
 * The validators the action runs, compiled ahead of time: compiling these schemas at start-up
 * costs 100-200 ms, most of a validate run. The per-action contracts (`definitions.action.allOf`)
 * are left out here because the semantic rules check the same catalog facts with better messages
 * (did-you-mean, the action's parameter list) and without duplicate findings.
 */
function precompiledValidators(): string {
  const runtimeTemplate = structuredClone(outputs['schemas/fis-template.schema.json']) as {
    definitions: { action: Schema }
  }
  delete runtimeTemplate.definitions.action.allOf
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    // verbose: errors carry their parent schema, so messages can list the allowed members.
    verbose: true,
    code: { source: true, esm: true, lines: false }
  })
  ajv.addSchema(runtimeTemplate)
  ajv.addSchema(outputs['schemas/hypothesis.schema.json'] as Schema)
  ajv.addSchema(outputs['schemas/experiment.schema.json'] as Schema)
  const code = standalone.default(ajv, {
    validateExperimentFile: 'experiment.schema.json',
    validateFisTemplate: 'fis-template.schema.json'
  })
  // ajv's ESM output still require()s its runtime helpers; turn those into imports.
  const esm = code.replace(
    /const (\w+) = require\("([^"]+)"\)\.default;/g,
    (_match: string, local: string, module: string) =>
      `import ${local}Module from "${module}.js";const ${local} = ${local}Module.default;`
  )
  if (esm.includes('require(')) throw new Error('precompiled validators still contain require()')
  return `// Generated by scripts/build-schemas.ts from schemas/*.schema.json. Do not edit.\n${esm}\n`
}

writeFileSync(
  new URL('../src/validate/generated/schema-validators.js', import.meta.url),
  precompiledValidators()
)
console.log(`wrote ${Object.keys(outputs).join(', ')}, src/validate/generated/schema-validators.js`)
