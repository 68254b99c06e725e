import { describe, expect, it } from '@jest/globals'
import {
  checkUnit,
  displayScale,
  formatQuantity,
  formatSignificant
} from '../../src/hypothesis/quantities.js'

describe('formatQuantity', () => {
  it.each<[number, string | undefined, string]>([
    [0.220109130139, 'Seconds', '220 ms'],
    [0.9997, 'Seconds', '1 s'],
    [1.5, 'Seconds', '1.5 s'],
    [0.0000042, 'Seconds', '4.2 µs'],
    [1500, 'Milliseconds', '1.5 s'],
    [3600, 'Seconds', '60 min'],
    [12.5, 'Percent', '12.5 %'],
    [99.94, 'Percent', '99.9 %'],
    [42, 'Count', '42'],
    [1234, 'Count', '1.23 k'],
    [999.6, 'Count', '1 k'],
    [2_500_000, 'Count', '2.5 M'],
    [1536, 'Megabytes', '1.54 GB'],
    [12.34, 'Count/Second', '12.3 /s'],
    [123456, undefined, '123 k'],
    [0.0000123456, undefined, '0.0000123'],
    [-0.25, 'None', '-0.25'],
    [0, 'Seconds', '0 s'],
    [0, 'Milliseconds', '0 ms']
  ])('%p %s reads %p', (value, unit, text) => {
    expect(formatQuantity(value, unit)).toBe(text)
  })

  it('keeps 4 digits for thresholds people typed, and says what is missing', () => {
    expect(formatQuantity(0.2345, 'Seconds', 4)).toBe('234.5 ms')
    expect(formatQuantity(undefined, 'Seconds')).toBe('—')
    expect(formatQuantity(Number.NaN, 'Seconds')).toBe('NaN')
  })

  it('names the scale on an axis, and an unknown unit as such', () => {
    expect(displayScale('Seconds', 0.9).axis).toBe('ms')
    expect(displayScale('Count', 2400).axis).toBe('count, thousands')
    expect(displayScale('None', 3).axis).toBe('no unit')
    expect(displayScale(undefined, 3).axis).toBe('value, unit not given')
  })
})

describe('formatSignificant', () => {
  it.each<[number, string]>([
    [0.220109130139, '0.22'],
    [2 / 3, '0.667'],
    [123456789, '123000000'],
    [1e-9, '0.000000001'],
    [-1234.5, '-1230'],
    [-0.0001, '-0.0001'],
    [0.1 + 0.2, '0.3'],
    [Number.POSITIVE_INFINITY, 'Infinity']
  ])('%p reads %p', (value, text) => {
    expect(formatSignificant(value)).toBe(text)
  })
})

describe('checkUnit', () => {
  const metric = (namespace: string, metricName: string, stat = 'Average', unit?: string) => ({
    namespace,
    metricName,
    stat,
    unit
  })
  it.each<[ReturnType<typeof metric> | undefined, string | undefined]>([
    [metric('AWS/ApplicationELB', 'TargetResponseTime', 'p95'), 'Seconds'],
    [metric('AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'Sum'), 'Count'],
    [metric('AWS/ApplicationELB', 'RequestCount', 'Sum'), 'Count'],
    [metric('AWS/EC2', 'CPUUtilization'), 'Percent'],
    [metric('AWS/ECS', 'MemoryUtilization'), 'Percent'],
    [metric('ContainerInsights', 'pod_cpu_utilization'), 'Percent'],
    [metric('AWS/Lambda', 'Duration', 'p99'), 'Milliseconds'],
    [metric('AWS/ApplicationELB', 'TargetResponseTime', 'SampleCount'), 'Count'],
    [metric('Shop', 'CheckoutLatency', 'p95', 'Milliseconds'), 'Milliseconds'],
    [metric('Shop', 'CheckoutLatency', 'p95', 'Fortnights'), undefined],
    [metric('Shop', 'CheckoutLatency'), undefined],
    [undefined, undefined]
  ])('%p is in %p', (spec, unit) => {
    expect(checkUnit(spec)).toBe(unit)
  })
})
