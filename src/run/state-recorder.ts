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

  /** Saved before StartExperiment is sent: its outcome is unknown until it answers. */
  addPendingStart(start: { templateId: string; file: string }): void {
    this.state.pendingStarts = [...(this.state.pendingStarts ?? []), start]
    this.persist()
  }

  /** The start's outcome is known: an experiment id, or a refusal that started nothing. */
  resolvePendingStart(templateId: string): void {
    this.state.pendingStarts = (this.state.pendingStarts ?? []).filter(
      (start) => start.templateId !== templateId
    )
    this.persist()
  }

  get experimentIds(): string[] {
    return this.state.experiments.map((experiment) => experiment.experimentId)
  }

  private persist(): void {
    this.save(STATE_KEY, encodeState(this.state))
  }
}
