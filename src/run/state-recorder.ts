/** Keeps the run state and saves it for the post step on every change. */
import {
  encodeState,
  STATE_KEY,
  type CreatedTemplate,
  type RunState,
  type StartedExperiment
} from './state.js'

export class RunStateRecorder {
  constructor(
    private readonly state: RunState,
    private readonly save: (name: string, value: string) => void
  ) {
    this.persist()
  }

  addTemplate(template: CreatedTemplate): void {
    this.state.templates.push(template)
    this.persist()
  }

  markTemplateDeleted(templateId: string): void {
    for (const template of this.state.templates)
      if (template.templateId === templateId) template.deleted = true
    this.persist()
  }

  addExperiment(experiment: StartedExperiment): void {
    this.state.experiments.push(experiment)
    this.persist()
  }

  get experimentIds(): string[] {
    return this.state.experiments.map((experiment) => experiment.experimentId)
  }

  private persist(): void {
    this.save(STATE_KEY, encodeState(this.state))
  }
}
