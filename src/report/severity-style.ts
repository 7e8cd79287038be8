import { SEVERITIES, type Severity } from '../findings/severity.js';

/** How one internal severity appears in each output format. */
export interface SeverityStyle {
  sarifLevel: 'error' | 'warning' | 'note';
  /** GitHub code scanning buckets: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, ≤ 3.9 low; values sit inside the ranges. */
  securitySeverity: string;
  junitType: string;
  githubLevel: 'error' | 'warning' | 'notice';
  /** ANSI SGR code for the console. */
  ansi: string;
  label: string;
}

/** The one table mapping our five levels to every format (SARIF level and security-severity, JUnit, GitHub annotations, console). */
export const SEVERITY_STYLE: Readonly<Record<Severity, SeverityStyle>> = {
  critical: {
    sarifLevel: 'error',
    securitySeverity: '9.5',
    junitType: 'critical',
    githubLevel: 'error',
    ansi: '1;31',
    label: 'Critical',
  },
  high: {
    sarifLevel: 'error',
    securitySeverity: '8.0',
    junitType: 'high',
    githubLevel: 'error',
    ansi: '31',
    label: 'High',
  },
  medium: {
    sarifLevel: 'warning',
    securitySeverity: '5.5',
    junitType: 'medium',
    githubLevel: 'warning',
    ansi: '33',
    label: 'Medium',
  },
  low: {
    sarifLevel: 'note',
    securitySeverity: '2.0',
    junitType: 'low',
    githubLevel: 'warning',
    ansi: '36',
    label: 'Low',
  },
  info: {
    sarifLevel: 'note',
    securitySeverity: '0.0',
    junitType: 'info',
    githubLevel: 'notice',
    ansi: '2',
    label: 'Info',
  },
};

/** Severities from most to least severe, the display order of every format. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();
