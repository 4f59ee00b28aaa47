/**
 * A partner's short name (简称) where space is tight. When it differs from the full name, the full
 * one is its title (hover), its text for screen readers, and shows in its place while it has
 * keyboard focus.
 */
export function PartnerName({ short, full }: { short: string; full: string }) {
  if (short === full) {
    return <span className="partner-name">{full}</span>;
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard reader can show the full name
    <span className="partner-name partner-name--short" title={full} tabIndex={0}>
      <span className="partner-name__short" aria-hidden="true">
        {short}
      </span>
      <span className="partner-name__full">{full}</span>
    </span>
  );
}
