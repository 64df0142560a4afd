// The messages of joint projects (社区出题、部门领题) and red shock teams (红色突击队).
import * as z from 'zod/mini';
import '../zod-en.ts';
import { name, text } from '../text.ts';
import { isValidPhone } from '../privacy.ts';
import { evidencePhotoFields } from '../photos.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));
const OurId = pure(() => z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a record number')));
const Day = pure(() => z.iso.date());

export const ProjectCommunityParams = pure(() => z.object({ communityId: Id }));
export const ProjectParams = pure(() => z.object({ communityId: Id, projectId: OurId }));
export const MilestoneParams = pure(() => z.object({ communityId: Id, projectId: OurId, milestoneId: z.string().check(z.regex(/^m[0-9]{1,2}$/, 'a milestone number')) }));

/** A community posts a need (出题). */
export const ProjectBody = pure(() => z.object({
  title: name(4, 60),
  description: text(10, 2000),
  compoundIds: z.array(Id).check(z.maxLength(30)),
}));
export type ProjectBody = z.infer<typeof ProjectBody>;

/** The claiming department's (or the community's) plan: goals and dated milestones; `rev` is the project's revision read. */
export const PlanBody = pure(() => z.object({
  rev: z.number().check(z.int(), z.minimum(1)),
  goals: text(4, 1000),
  milestones: z.array(z.object({ title: name(2, 60), dueOn: Day })).check(z.minLength(1), z.maxLength(20)),
}));
export type PlanBody = z.infer<typeof PlanBody>;

/** What was done for a milestone, with the day it was done and photos uploaded with POST /api/photos/uploads. */
export const EvidenceBody = pure(() => z.object({ rev: z.number().check(z.int(), z.minimum(1)), text: text(4, 1000), doneOn: Day, ...evidencePhotoFields() }));
export type EvidenceBody = z.infer<typeof EvidenceBody>;

export const PROJECT_STATES = ['proposed', 'claimed', 'in_progress', 'done', 'dropped'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
/** A project moves on (done needs every milestone's evidence) or is dropped with its reason. */
export const ProjectStateBody = pure(() => z.object({ rev: z.number().check(z.int(), z.minimum(1)), state: z.enum(['done', 'dropped']), reason: z.optional(text(4, 500)) }));
export type ProjectStateBody = z.infer<typeof ProjectStateBody>;

export const ProjectsQuery = pure(() => z.object({ state: z.optional(z.enum(PROJECT_STATES)) }));

// Red shock teams.
const Phone = pure(() => z.string().check(z.maxLength(30), z.refine(isValidPhone, 'an 11-digit mobile or a landline like 0532-88886666')));
export const TeamParams = pure(() => z.object({ departmentId: Id, teamId: Id }));
/** One of a department's teams and its roster (names and phones are seen whole by staff of the department and the district only). */
export const TeamBody = pure(() => z.object({
  rev: z.number().check(z.int(), z.minimum(0)),
  name: name(4, 40),
  members: z.array(z.object({ id: z.string().check(z.regex(/^[a-z0-9]{1,12}$/, '1 to 12 lowercase letters and digits')), name: name(2, 20), phone: Phone, role: z._default(name(0, 20), '') })).check(z.minLength(1), z.maxLength(60)),
}));
export type TeamBody = z.infer<typeof TeamBody>;

/** A community calls a paired department's team out, for a task or an emergency, at a time and place. */
export const CalloutBody = pure(() => z.object({
  departmentId: Id,
  teamId: Id,
  kind: z.enum(['task', 'emergency']),
  task: text(4, 500),
  place: name(2, 120),
  at: z.iso.datetime({ offset: true }),
}));
export type CalloutBody = z.infer<typeof CalloutBody>;
export const CalloutParams = pure(() => z.object({ communityId: Id, calloutId: OurId }));
/** Members' answers (recorded by the department: 收到, or cannot come). */
export const AckBody = pure(() => z.object({ answers: z.record(z.string().check(z.regex(/^[a-z0-9]{1,12}$/, 'a member id')), z.enum(['coming', 'cannot'])) }));
export type AckBody = z.infer<typeof AckBody>;
/** Who came and for how long (minutes), recorded by the community after the call-out. */
export const AttendanceBody = pure(() => z.object({ attended: z.record(z.string().check(z.regex(/^[a-z0-9]{1,12}$/, 'a member id')), z.number().check(z.int(), z.minimum(1), z.maximum(24 * 60))), note: z._default(text(0, 500), '') }));
export type AttendanceBody = z.infer<typeof AttendanceBody>;
