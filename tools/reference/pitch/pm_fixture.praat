# Writes RVC's pm track of one WAV as CSV (time_s,f0_hz; 0 = unvoiced), as
#   parselmouth.Sound(x, 16000).to_pitch_ac(time_step=0.01, voicing_threshold=0.6, pitch_floor=50,
#                                           pitch_ceiling=1100).selected_array["frequency"]
# (RVC 20240604 infer/modules/vc/pipeline.py get_f0, pm branch). The other arguments are parselmouth's defaults:
# max_number_of_candidates 15, very_accurate False, silence_threshold 0.03, octave_cost 0.01,
# octave_jump_cost 0.35, voiced_unvoiced_cost 0.14. Praat reads a 16-bit WAV as sample / 32768 with the first
# sample at 0.5 / fs, as parselmouth builds its Sound from an array.
# Usage: praat --run pm_fixture.praat in.wav out.csv
form pm fixture
    sentence wav
    sentence csv
endform
sound = Read from file: wav$
pitch = To Pitch (ac): 0.01, 50, 15, "no", 0.03, 0.6, 0.01, 0.35, 0.14, 1100
n = Get number of frames
text$ = "time_s,f0_hz" + newline$
for i from 1 to n
    t = Get time from frame number: i
    f = Get value in frame: i, "Hertz"
    if f = undefined
        f = 0
    endif
    text$ = text$ + fixed$(t, 6) + "," + string$(f) + newline$
endfor
writeFile: csv$, text$
