# Prints one value of a JSON file: cmake -DFILE=F -DKEYS="a;0;b" -P json_get.cmake
# (object members by name, array elements by index; for an array or object,
# LENGTH prints its size with -DLENGTH=1). Needs nothing beyond the build
# tools; fails on malformed JSON or a missing key.
file(READ "${FILE}" text)
if(LENGTH)
  string(JSON v LENGTH "${text}" ${KEYS})
else()
  string(JSON v GET "${text}" ${KEYS})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${v}")
