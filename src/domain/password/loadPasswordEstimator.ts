import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export type PasswordEstimator = Pick<ZxcvbnFactory, 'check'>;

let loading: Promise<PasswordEstimator> | undefined;

async function build(): Promise<PasswordEstimator> {
  // Dynamic imports: about 8 MB of word lists, paid only by the commands that set a password (and by the
  // renderer as a separate chunk), never by the start of every CLI command.
  const [{ ZxcvbnFactory: Factory }, common, english, german] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-de'),
  ]);
  // language-de 3.x names its lists without a language suffix; give them one so they cannot shadow another list.
  const germanLists = Object.fromEntries(Object.entries(german.dictionary).map(([name, words]) => [`${name}-de`, words]));
  return new Factory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...germanLists },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // Levenshtein matching made each check 0.3–1.5 s on our machines for little gain on passphrases.
    useLevenshteinDistance: false,
  });
}

/**
 * The zxcvbn-ts estimator with the common, English and German lists, built once on first use. A failed
 * load is not cached, so a later call tries again.
 */
export function loadPasswordEstimator(): Promise<PasswordEstimator> {
  loading ??= build().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
