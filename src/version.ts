/** Shown in SARIF and reports; bumped with each release. */
export const ACTION_VERSION = '0.1.0'

/** The action's own repository URL, which the runner names for actions used from a repository. */
export function actionRepositoryUrl(env: NodeJS.ProcessEnv): string | undefined {
  const repository = env.GITHUB_ACTION_REPOSITORY
  return repository ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}` : undefined
}
