/**
 * Admin controls show a click in the same event, while the change is saved, and show the saved
 * value again once the change settles: a refused change does not leave a control lying.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useShownChoice } from '../useShownChoice';

function Toggle({
  saved,
  pending,
  onChange,
}: {
  saved: boolean;
  pending: boolean;
  onChange(): void;
}) {
  const [shown, choose] = useShownChoice(saved, pending);
  return (
    <label>
      <input
        type="checkbox"
        checked={shown}
        onChange={(event) => {
          choose(event.target.checked);
          onChange();
        }}
      />
      Shown to students
    </label>
  );
}

describe('useShownChoice', () => {
  it('shows the click at once, keeps it while the change is pending, and gives way to the saved value once it settles', () => {
    const noop = () => {};
    const { rerender } = render(<Toggle saved={true} pending={false} onChange={noop} />);
    const box = screen.getByLabelText('Shown to students') as HTMLInputElement;

    fireEvent.click(box);
    // The saved value has not moved yet (the change is not even marked pending): the click shows.
    expect(box.checked).toBe(false);
    rerender(<Toggle saved={true} pending={true} onChange={noop} />);
    expect(box.checked).toBe(false);

    // Refused: the change settles and the saved value is still the old one, which shows again.
    rerender(<Toggle saved={true} pending={false} onChange={noop} />);
    expect(box.checked).toBe(true);

    // Accepted: the saved value follows the choice.
    fireEvent.click(box);
    rerender(<Toggle saved={true} pending={true} onChange={noop} />);
    rerender(<Toggle saved={false} pending={false} onChange={noop} />);
    expect(box.checked).toBe(false);
  });
});
