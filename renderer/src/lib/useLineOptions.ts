import { useEffect, useState } from 'react';
import { api } from '../api';
import { LINE_OPTIONS } from '../components/campaign/labels';

type LineOption = { value: string; label: string };

/**
 * The branch's business lines (用邮信息 → 业务类别, configurable) as select options. Until they arrive, or if they
 * cannot be read, the built-in list stands in, so a form never shows an empty choice.
 */
export function useLineOptions(): LineOption[] {
  const [options, setOptions] = useState<LineOption[]>(LINE_OPTIONS);
  useEffect(() => {
    let live = true;
    api['usage.lines']({}).then(
      (lines) => live && lines.length > 0 && setOptions(lines.map((l) => ({ value: l.name, label: l.name }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return options;
}
