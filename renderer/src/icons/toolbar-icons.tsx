// Small line icons for the toolbar (14 px, drawn in the text colour), so each button reads at a
// glance in both themes. Decorative: every button also has a label.
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="ps-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const PauseIcon = () => (
  <Icon>
    <path d="M5.5 3.5v9M10.5 3.5v9" />
  </Icon>
);
export const ResumeIcon = () => (
  <Icon>
    <path d="M5 3.2l7.5 4.8L5 12.8z" fill="currentColor" stroke="none" />
  </Icon>
);
export const RefreshIcon = () => (
  <Icon>
    <path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3" />
  </Icon>
);
export const CloseConnectionIcon = () => (
  <Icon>
    <path d="M1.5 8h4M10.5 8h4M7 5.5l2 5M9 5.5l-2 5" />
  </Icon>
);
export const KillIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M4.2 11.8l7.6-7.6" />
  </Icon>
);
export const WhoisIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M2.5 8h11M8 2.5c-2 2-2 9 0 11M8 2.5c2 2 2 9 0 11" />
  </Icon>
);
export const PropertiesIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 7.2v4M8 4.8v.1" />
  </Icon>
);
export const CopyIcon = () => (
  <Icon>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.2" />
    <path d="M3.5 10.5h-1v-8h8v1" />
  </Icon>
);
export const ExportIcon = () => (
  <Icon>
    <path d="M8 2.5v7M5 6.5l3 3 3-3M3 11v2.5h10V11" />
  </Icon>
);
export const ColumnsIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="11" height="10" rx="1" />
    <path d="M6.2 3v10M9.8 3v10" />
  </Icon>
);
export const LegendIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="3" height="3" fill="currentColor" stroke="none" />
    <rect x="2.5" y="10" width="3" height="3" fill="currentColor" stroke="none" />
    <path d="M8 4.5h5.5M8 11.5h5.5" />
  </Icon>
);
