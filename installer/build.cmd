@echo off
rem Builds the Windows installer: installer\build.cmd msi  (or: app-image). See build.ps1.
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0build.ps1" %*
exit /b %ERRORLEVEL%
