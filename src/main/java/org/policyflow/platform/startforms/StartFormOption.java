package org.policyflow.platform.startforms;

/** One choice of a start form's select: the value submitted and the label the person reads. */
public record StartFormOption(String value, String label) {}
