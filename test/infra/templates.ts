// A district's templates as one: the stack and its nested stacks (each capability's functions
// live in one, infra/constructs/api.ts). A value a nested template takes as a parameter is read
// through to what the parent passes, so assertions compare what CloudFormation will see.
import { NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export interface Templates {
  /** Every resource of a type, in the stack and its nested stacks, with its logical id. */
  resources(type: string): [string, any][];
  /** A nested template's parameter references replaced by what the parent gives them. */
  resolved(value: unknown, logicalId: string): unknown;
  /** The parent's own template. */
  parent: Template;
  all: Template[];
}

export function templatesOf(stack: Stack): Templates {
  const parent = Template.fromStack(stack);
  const nested = stack.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c));
  const parts = [{ template: parent, params: {} as Record<string, unknown> }, ...nested.map((n) => {
    const resource = parent.toJSON().Resources[stack.getLogicalId(n.nestedStackResource as never)];
    return { template: Template.fromStack(n), params: (resource?.Properties?.Parameters ?? {}) as Record<string, unknown> };
  })];
  const owner = new Map<string, Record<string, unknown>>();
  for (const p of parts) for (const id of Object.keys(p.template.toJSON().Resources ?? {})) owner.set(id, p.params);
  const resolve = (value: unknown, params: Record<string, unknown>): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, params));
    if (value && typeof value === 'object') {
      const ref = (value as { Ref?: string }).Ref;
      if (ref && Object.hasOwn(params, ref)) return params[ref];
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, params)]));
    }
    return value;
  };
  return {
    resources: (type) => parts.flatMap((p) => Object.entries(p.template.findResources(type)) as [string, any][]),
    resolved: (value, logicalId) => resolve(value, owner.get(logicalId) ?? {}),
    parent,
    all: parts.map((p) => p.template),
  };
}
