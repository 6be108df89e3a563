package org.policyflow.platform.guard;

/** What the guard needs to know about the application's beans; the Spring context in production. */
public interface BeanCatalogue {

  /** A bean of this name exists: an expression naming it reaches server code, not a process variable. */
  boolean exists(String name);

  /** The bean exists, is the project's own class and is a delegate or listener the engine can call. */
  boolean isProjectDelegate(String name);
}
