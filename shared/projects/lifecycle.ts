// A joint project's states: proposed (出题) → claimed (领题) → in progress (a plan with goals and
// milestones) → done (every milestone has its evidence) or dropped (with a reason, from any
// state before done). Pure, so the store and the tests share one rule.
import type { ProjectState } from './schemas.ts';

export interface ProjectFacts {
  state: ProjectState;
  milestones: { id: string; evidence: unknown | null }[];
}

export type Move = 'claim' | 'plan' | 'evidence' | 'done' | 'dropped';

/** Why a move is refused in this state, or null when it is allowed. */
export function refusal(p: ProjectFacts, move: Move): string | null {
  switch (move) {
    case 'claim':
      return p.state === 'proposed' ? null : 'Only a proposed project can be claimed';
    case 'plan':
      return p.state === 'claimed' || p.state === 'in_progress' ? null : 'A plan is set once the project is claimed and before it is done or dropped';
    case 'evidence':
      return p.state === 'in_progress' ? null : 'Evidence is added while the project is in progress';
    case 'done':
      if (p.state !== 'in_progress') return 'Only a project in progress can be done';
      return p.milestones.every((m) => m.evidence) ? null : 'Every milestone needs its evidence before the project is done';
    case 'dropped':
      return p.state === 'done' || p.state === 'dropped' ? 'A project that is done or dropped stays so' : null;
  }
}

/** The state after an allowed move. */
export function after(p: ProjectFacts, move: Move): ProjectState {
  switch (move) {
    case 'claim': return 'claimed';
    case 'plan': return 'in_progress';
    case 'evidence': return p.state;
    case 'done': return 'done';
    case 'dropped': return 'dropped';
  }
}
