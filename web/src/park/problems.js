// Shows a service's refusal as the user should read it: the Chinese title, the detail and each field at fault.

export function showProblem(element, error, { prefix = "" } = {}) {
  element.replaceChildren();
  element.className = "error";
  const fields = error.problem?.errors || [];
  const listed = fields.length && !error.problem?.rejected;
  const head = document.createElement("p");
  // The detail repeats the fields' messages when they are listed below.
  head.textContent = prefix + (error.message || "请求失败") + (error.detail && !listed ? `: ${error.detail}` : "");
  element.append(head);
  if (listed) {
    const list = document.createElement("ul");
    for (const problem of fields) {
      const item = document.createElement("li");
      item.dataset.field = problem.field;
      item.textContent = `${problem.field}: ${problem.message}`;
      list.append(item);
    }
    element.append(list);
  }
  element.hidden = false;
}

export function toast(text) {
  const element = document.getElementById("toast");
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (element.hidden = true), 4000);
}
