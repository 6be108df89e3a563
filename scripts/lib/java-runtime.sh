# Sourced by scripts/start.sh, scripts/start-test.sh and scripts/measure-startup.sh: what a JDK is, asked in one
# JVM launch (each launch costs a few tenths of a second, and start.sh asks before every start).
#
#   java_runtime JAVA        sets java_feature (e.g. 17, 25) and java_vm_version (e.g. 17.0.15+6-Debian-1deb12u1)
#   java_has_aot_cache       true if that JDK has the AOT cache (Java 25 or later: JEP 483, 515), else it gets a
#                            dynamic class-data archive
java_runtime() {
  local properties
  properties=$("$1" -XshowSettings:properties -version 2>&1)
  java_feature=$(sed -n 's/^ *java.specification.version = //p' <<< "$properties" | head -n 1)
  java_vm_version=$(sed -n 's/^ *java.vm.version = //p' <<< "$properties" | head -n 1)
}
java_has_aot_cache() { [ "${java_feature%%.*}" -ge 25 ] 2>/dev/null; }
