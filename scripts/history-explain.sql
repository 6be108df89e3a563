-- The audit search's statements with a text filter (InstanceSearch), as the auditor of the history
-- benchmark sends them: every process readable, one page of 20 with its total. Run against a database the
-- history benchmark has filled (HISTORY_BENCHMARK_PSQL=scripts/history-explain.sql
-- scripts/history-benchmark-postgres.sh); the plans are noted in docs/benchmark.md.
\set keys '''bj-consortium'',''credit-record'',''district-partner-support'',''expert-review'',''partner-application'',''partner-call'',''partner-cooperation'',''partner-cooperation-year'',''partner-service-request'',''partner-violation-case'',''public-notice'',''rule-exception'',''target-record'',''tech-centre'',''tech-centre-round'',''tech-centre-year'',''working-day-calendar'',''yc-consortium'',''yc-consortium-year'''
\echo === business key contains HIST-4711
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT P.ID_, P.START_TIME_, D.NAME_, COUNT(*) OVER () AS TOTAL_
FROM (SELECT U.ID_ AS MATCH_ID_ FROM ACT_HI_PROCINST U WHERE U.BUSINESS_KEY_ LIKE '%HIST-4711%' ESCAPE '\') M
  JOIN ACT_HI_PROCINST P ON P.ID_ = M.MATCH_ID_ LEFT JOIN ACT_RE_PROCDEF D ON D.ID_ = P.PROC_DEF_ID_
WHERE P.PROC_DEF_KEY_ IN (:keys)
ORDER BY P.START_TIME_ DESC, P.ID_ DESC OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;
\echo === organisation: part of a name (通州智造), no user matches
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT P.ID_, P.START_TIME_, D.NAME_, COUNT(*) OVER () AS TOTAL_
FROM (SELECT V.PROC_INST_ID_ AS MATCH_ID_ FROM ACT_HI_VARINST V WHERE V.NAME_ IN ('organisationName', 'creditCode')
    AND LOWER(V.TEXT_) LIKE '%通州智造%' ESCAPE '\'
  UNION SELECT U.ID_ FROM ACT_HI_PROCINST U WHERE U.START_USER_ID_ IN ('通州智造')) M
  JOIN ACT_HI_PROCINST P ON P.ID_ = M.MATCH_ID_ LEFT JOIN ACT_RE_PROCDEF D ON D.ID_ = P.PROC_DEF_ID_
WHERE P.PROC_DEF_KEY_ IN (:keys)
ORDER BY P.START_TIME_ DESC, P.ID_ DESC OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;
\echo === organisation: applicant 黄磊 (user huanglei)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT P.ID_, P.START_TIME_, D.NAME_, COUNT(*) OVER () AS TOTAL_
FROM (SELECT V.PROC_INST_ID_ AS MATCH_ID_ FROM ACT_HI_VARINST V WHERE V.NAME_ IN ('organisationName', 'creditCode')
    AND LOWER(V.TEXT_) LIKE '%黄磊%' ESCAPE '\'
  UNION SELECT U.ID_ FROM ACT_HI_PROCINST U WHERE U.START_USER_ID_ IN ('黄磊', 'huanglei')) M
  JOIN ACT_HI_PROCINST P ON P.ID_ = M.MATCH_ID_ LEFT JOIN ACT_RE_PROCDEF D ON D.ID_ = P.PROC_DEF_ID_
WHERE P.PROC_DEF_KEY_ IN (:keys)
ORDER BY P.START_TIME_ DESC, P.ID_ DESC OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;
