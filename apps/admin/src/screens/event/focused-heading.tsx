import { useEffect, useRef, type ReactNode } from 'react';

/** A heading that takes focus when it appears, so the question it asks is read out next. */
export function FocusedHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h3 id={id} tabIndex={-1} ref={ref}>
      {children}
    </h3>
  );
}
