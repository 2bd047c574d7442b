import {
  DynamicModule,
  ForwardReference,
  INestApplicationContext,
  NestInterceptor,
  RequestMethod,
  Type,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import { ModulesContainer } from '@nestjs/core/injector/modules-container';
import { isSafeMethod } from './safe-method';

type ModuleImport = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

export interface RouteHandler {
  controller: Type;
  name: string;
  handler: object;
}

const methodNames = new MetadataScanner();

/** A controller's route handlers that may change state (not GET/HEAD/OPTIONS), inherited ones included. */
function mutatingHandlersOf(controller: Type): RouteHandler[] {
  const prototype = controller.prototype as Record<string, object>;
  return methodNames
    .getAllMethodNames(prototype)
    .map((name) => ({ controller, name, handler: prototype[name] }))
    .filter(({ handler }) => {
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      return method !== undefined && !isSafeMethod(RequestMethod[method]);
    });
}

/** The controllers declared anywhere in a module tree (as written, before Nest scans it). */
function controllersIn(root: ModuleImport, seen = new Set<unknown>()): Type[] {
  if (!root || root instanceof Promise || seen.has(root)) {
    // An async import is a library's (configuration, not controllers); nothing of ours hides there.
    return [];
  }
  seen.add(root);
  if ('forwardRef' in root) {
    return controllersIn((root as ForwardReference<() => ModuleImport>).forwardRef(), seen);
  }
  const dynamic = 'module' in root ? root : undefined;
  const moduleClass = dynamic ? dynamic.module : (root as Type);
  const declared = (key: string): unknown[] =>
    (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
  const controllers = [
    ...(declared(MODULE_METADATA.CONTROLLERS) as Type[]),
    ...(dynamic?.controllers ?? []),
  ];
  const imports = [
    ...(declared(MODULE_METADATA.IMPORTS) as ModuleImport[]),
    ...((dynamic?.imports ?? []) as ModuleImport[]),
  ];
  return [...controllers, ...imports.flatMap((child) => controllersIn(child, seen))];
}

/**
 * Attaches interceptors to every state-changing route (POST, PUT, PATCH, DELETE) of a module tree,
 * present and future controllers alike, exactly as `@UseInterceptors(...interceptors)` written on
 * each such handler would: outermost first, outside the handler's own, each resolved by Nest in
 * the controller's module (so their dependencies must be global providers). Call it on the root
 * module before Nest scans it; applying it twice changes nothing.
 *
 * Why not APP_INTERCEPTOR: Nest runs every handler that has any interceptor through an rxjs
 * chain with an AsyncResource per interceptor (on Node 20 each bind also builds two deprecate()
 * wrappers) — about a sixth of the API's CPU for a read — even when the interceptor acts on
 * writes only and passes reads straight through.
 */
export function interceptMutatingRoutes(
  root: DynamicModule,
  interceptors: Type<NestInterceptor>[],
): void {
  for (const controller of new Set(controllersIn(root))) {
    for (const { handler } of mutatingHandlersOf(controller)) {
      const own =
        (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
      const missing = interceptors.filter((interceptor) => !own.includes(interceptor));
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [...missing, ...own], handler);
    }
  }
}

/** Every state-changing route handler of a running application's controllers. */
export function mutatingRouteHandlers(app: INestApplicationContext): RouteHandler[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].flatMap((wrapper) =>
      wrapper.metatype ? mutatingHandlersOf(wrapper.metatype as Type) : [],
    ),
  );
}
