import { OUTCOMES } from '../../../../shared/campaign';

/** The keys on screen while typing: 1–6 for the outcome (4 成功 jumps to the amount), then Tab, Enter, arrows, Esc. */
export function OutcomeLegend() {
  return (
    <div className="visit-legend" data-testid="outcome-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: 14, alignItems: 'center' }}>
      {Object.values(OUTCOMES).map((o) => (
        <span key={o.key}>
          <kbd>{o.key}</kbd>
          {o.label}
        </span>
      ))}
      <span style={{ color: '#888' }} data-testid="legend-amount">
        按<kbd>4</kbd>成功后光标到流转额，<kbd>Tab</kbd>到收入
      </span>
      <span style={{ color: '#888' }}>
        <kbd>Tab</kbd>下一项 <kbd>Enter</kbd>保存并到下一户 <kbd>↑</kbd>
        <kbd>↓</kbd>换户 <kbd>Esc</kbd>回到行
      </span>
    </div>
  );
}
