/*
 * Choices of a start form that only the server knows (the calls open for applications, …).
 *
 * Tasklist loads variables for a task form but none for a start form, so a form-js select whose options
 * come from a variable ("valuesKey") would stay empty in the start dialog. Tasklist fetches a Camunda
 * Form's schema with window.fetch (…/process-definition/{id}/deployed-start-form); this script answers
 * that fetch with the same schema in which each such select carries the choices of
 * GET <context>/api/start-forms/{processKey}/options as its own options. The form in the database is
 * not changed, and the choices are a convenience only: the process's start step still refuses a value
 * that is not acceptable, whatever the browser sends.
 */
const API = new URL('../../../../api/start-forms/', import.meta.url);
const START_FORM = /\/process-definition\/([^/?]+)\/deployed-start-form(\?|$)/;

/** Every component of a schema, also inside groups and dynamic lists. */
function components(node, found = []) {
  (node.components || []).forEach((component) => {
    found.push(component);
    components(component, found);
  });
  return found;
}

/** The process key in a definition id "key:version:uuid" (a bare uuid only for keys too long to occur here). */
function processKey(definitionId) {
  const id = decodeURIComponent(definitionId);
  return id.includes(':') ? id.split(':')[0] : null;
}

/** The schema with the server's choices filled into its variable-fed selects; unchanged when none applies. */
export async function withServerOptions(schema, definitionId, load = fetch) {
  const fed = components(schema).filter((c) => c.valuesKey && !c.values);
  if (!fed.length) return schema;
  const key = processKey(definitionId);
  if (!key) return schema;
  const response = await load(new URL(`${encodeURIComponent(key)}/options`, API),
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return schema;
  const options = await response.json();
  fed.forEach((component) => {
    const choices = options[component.valuesKey];
    if (!Array.isArray(choices)) return;
    component.values = choices.map((choice) => ({ label: choice.label, value: choice.value }));
    delete component.valuesKey;
    if (!choices.length) {
      component.description = `目前没有可选择的项目。${component.description ? ` ${component.description}` : ''}`;
    }
  });
  return schema;
}

if (typeof window !== 'undefined' && window.fetch && !window.fetch.policyflowStartFormOptions) {
  const original = window.fetch.bind(window);
  const patched = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : (input && input.url) || String(input);
    const match = START_FORM.exec(url);
    if (!match || !response.ok) return response;
    try {
      const schema = await response.clone().json();
      const filled = await withServerOptions(schema, match[1], original);
      return new Response(JSON.stringify(filled), {
        status: response.status,
        statusText: response.statusText,
        headers: { 'Content-Type': 'application/json' }
      });
    } catch (e) {
      // Not a form-js schema, or the choices could not be read: Tasklist shows the form as deployed.
      return response;
    }
  };
  patched.policyflowStartFormOptions = true;
  window.fetch = patched;
}
