/** A loading message announced politely to screen readers. */
export function LoadingState({ children }: { children: string }) {
  return (
    <p className="ck-loading" role="status">
      {children}
    </p>
  );
}
