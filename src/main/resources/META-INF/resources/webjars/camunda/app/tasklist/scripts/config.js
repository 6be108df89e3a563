/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // Chinese for staff on a Chinese browser (navigator language zh / zh-CN); keys that
  // locales/zh.json does not translate fall back to English.
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // The header reads "Camunda 任务列表" (the app names of the Chinese app switch).
  app: { name: '任务列表' },

  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // The language choice shared by the four webapps (welcome/scripts/language.js), names in Chinese
  // order (welcome/scripts/names.js), relative times in its language (welcome/scripts/relative-time.js), form-js strings and date pickers in Chinese plus the claim
  // hint (scripts/form-zh.js), the business key of a process just started, e.g. a call's id
  // (scripts/started.js), and tab "申报材料" on every task: the dossier of the task's case with its
  // fields, documents and their versions, related cases, and the upload checklist of the task
  // (scripts/dossier.js, data from /api/dossiers), and the warning that next year's working-day
  // calendar is missing (scripts/calendar-warning.js).
  // A refused form's reasons next to the pressed button and under its fields, one language only
  // (scripts/form-refusal.js); form-js's faults with dynamic lists and late commits are worked around
  // (scripts/form-js-fixes.js).
  customScripts: ['../welcome/scripts/language.js', '../welcome/scripts/names.js', '../welcome/scripts/relative-time.js', 'scripts/form-zh.js',
    'scripts/started.js', 'scripts/dossier.js', 'scripts/calendar-warning.js',
    'scripts/form-refusal.js', 'scripts/form-js-fixes.js',
    // Calls and cases are findable (docs/tasklist.md): a start form's select filled with the server's
    // choices, e.g. the open calls (scripts/start-form-options.js); header views 征集批次 for staff and
    // 我的申报 for applicants (scripts/open-calls.js, scripts/my-cases.js).
    'scripts/start-form-options.js', 'scripts/open-calls.js', 'scripts/my-cases.js'],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
